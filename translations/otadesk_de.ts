<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>main</name>
    <message>
        <source>Firmware update management for IoT fleets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the workspace folder DIR (default: $OTADESK_WORKSPACE, then the settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer logging rules, e.g. &quot;otadesk.firmware.debug=true&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a picture of the main window after start-up to FILE and quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::Error</name>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offset 0x%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the workspace folder %1. Check that the parent folder exists and is writable, or choose another workspace with --workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is empty; there is no MCUboot header to inspect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes at %2 run past the end of the 64-bit address space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes at %1 are written twice with different values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes at %1 are written twice (same values).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes at %1 are written twice with different values; the later data is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The range %1 spans %2 bytes, more than the %3 bytes a flat binary may have here. Export a smaller range, or keep the image sparse (HEX, S-record, ELF).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::BinaryFormat</name>
    <message>
        <source>Raw binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1-byte binary at base address %2 runs past the end of the address space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::ElfFormat</name>
    <message>
        <source>ELF executable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::ElfLoader</name>
    <message>
        <source>Every program header has p_paddr 0; sections are placed at their virtual addresses, as objcopy does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No allocated section lies inside a PT_LOAD segment; the segments were loaded whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an object file (ET_REL), not a program: it has no load addresses yet. Link it first and import the linked ELF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a core dump (ET_CORE), not firmware: it holds no loadable data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ELF file has no loadable data: none of its %1 program headers is a PT_LOAD segment with bytes in the file (only zero-initialised memory, if any). Was it stripped or linked without sections?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section [%1] %2 is allocated but lies in no PT_LOAD segment; it was left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section [%1] %2 runs past the end of the address space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program header [%1] runs past the end of the address space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment [%1] runs at virtual address %2 but is loaded at %3 (LMA); the image uses the load address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes of PT_LOAD memory beyond the file contents (.bss, zero-initialised at run time) are not part of the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes of PT_LOAD segments belong to no section (ELF headers, padding) and were left out, as objcopy does.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::ElfParser</name>
    <message>
        <source>This is not an ELF file (the 0x7f &apos;E&apos; &apos;L&apos; &apos;F&apos; magic is missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file ends after %1 bytes, inside the 16-byte ELF identification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid ELF class byte %1 (expected 1 for ELF32 or 2 for ELF64).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid ELF data encoding byte %1 (expected 1 for little endian or 2 for big endian).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported ELF identification version %1 (expected 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file ends after %1 bytes, inside the %2-byte ELF header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header lists %1 sections but no section header table offset (e_shoff is 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e_phnum is PN_XNUM (0xffff) but there is no section header 0 holding the real count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section header entries are %1 bytes (e_shentsize); ELF%2 needs at least %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The section header table at offset 0x%1 lies past the end of the %2-byte file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 (%2 entries of %3 bytes at offset 0x%4) runs past the end of the %5-byte file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program header entries are %1 bytes (e_phentsize); ELF%2 needs at least %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>program header table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program header [%1]: its %2 file bytes at offset 0x%3 run past the end of the %4-byte file (truncated file?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program header [%1]: the file size 0x%2 is larger than the memory size 0x%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program header [%1]: 0x%2 bytes at address 0x%3 run past the end of the address space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of %1 starts at 0x%2, past the end of its %3-byte string table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of %1 is not terminated inside its string table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>section header table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section [%1]: its %2 bytes at offset 0x%3 run past the end of the %4-byte file (truncated file?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The section name table index e_shstrndx = %1 is out of range (the file has %2 sections).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The section name table (section [%1]) holds no bytes in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>section [%1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol table section [%1] has %2-byte entries; ELF%3 needs at least %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol table section [%1] links to string table [%2], which does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol table section [%1] links to section [%2], which is not a string table with bytes in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>symbol %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::ElfWriter</name>
    <message>
        <source>Writing was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is too large for an ELF32 file (%1 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::FormatRegistry</name>
    <message>
        <source>All firmware (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown format &quot;%1&quot;. Known formats: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::IntelHexFormat</name>
    <message>
        <source>Data after the end-of-file record (line %1): line %2 must be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file contains no Intel HEX records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end-of-file record (:00000001FF) is missing; the file may be truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &apos;:&apos; at the start of an Intel HEX record, found %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end-of-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extended segment address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start segment address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extended linear address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start linear address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown record type %1; Intel HEX defines types 00 to 05.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record is too short: expected at least 10 hex digits after &apos;:&apos; (length, address, type, checksum), found %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad record length: the length field says %1 data bytes, so the record should have %2 hex digits after &apos;:&apos;, but it has %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 record (type %2) must hold %3 data bytes, found %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A second start address record sets the entry point to %1 (line %2 set %3); the later one is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record crosses the end of its 64 KiB segment: per the Intel HEX specification its last %1 bytes wrap to the segment start %2 (some tools put them at %3 instead).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record crosses the 64 KiB boundary at %1; the address carries into the upper 16 bits (Intel HEX linear addressing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record runs past the 4 GiB address limit; its last %1 bytes wrap to address 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intel HEX records hold 1 to 255 data bytes; %1 was requested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image reaches %1, above the 4 GiB that Intel HEX can address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry point %1 does not fit in 32 bits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intel HEX</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::Mcuboot</name>
    <message>
        <source>SHA-256 image hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA-2048 PKCS#1 v1.5 signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECDSA P-224 signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECDSA P-256 signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown TLV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 of the signing public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-384 image hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-512 image hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA-2048 PSS signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECDSA P-224 signature (obsolete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECDSA signature (ASN.1 DER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA-3072 PSS signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519 signature over the image hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature over the whole image (no hash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key wrapped with RSA-OAEP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key wrapped with AES-KW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key wrapped with ECIES P-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key wrapped with ECIES X25519</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption key wrapped with ECIES X25519 (SHA-512)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dependency on another image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security counter (anti-rollback)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured-boot record (CBOR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size of the decompressed image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash of the decompressed image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature of the decompressed image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compressed image: decompressed size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image class UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor-specific TLV</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::McubootInspector</name>
    <message>
        <source>The image body ends at offset 0x%1 (header size 0x%2 + image size %3), but the data ends at 0x%4: the image is truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data ends after %1 bytes, before the 4-byte MCUboot header magic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header magic is 0xffffffff: this is erased flash, not an MCUboot image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an MCUboot image: the header magic is 0x%1, expected 0x%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data ends after %1 bytes, inside the 32-byte MCUboot image header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legacy (v1) MCUboot header, key id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header size ih_hdr_size = %1 is smaller than the 32-byte header itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unprotected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLV %1 at offset 0x%2: its 4-byte header runs past the end of the %3 TLV area (0x%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLV %1 (%2) at offset 0x%3 has length %4, which runs past the end of the %5 TLV area at 0x%6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protected TLV area header at offset 0x%1 runs past the end of the data (0x%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no TLV area after the image at offset 0x%1 (the data ends at 0x%2): the image is unsigned or truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected the %1 TLV area magic 0x%2 at offset 0x%3, found 0x%4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 TLV area size tlv_tot = %2 is smaller than its own 4-byte header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The protected TLV area size tlv_tot = %1 disagrees with ih_protect_tlv_size = %2 in the header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 TLV area size tlv_tot = %2 at offset 0x%3 runs past the end of the data (0x%4): the image is truncated or the size is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A protected TLV area starts at offset 0x%1, but the header&apos;s ih_protect_tlv_size is 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The legacy TLV size %1 runs past the end of the data (0x%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 TLV at offset 0x%2 has %3 bytes; it must have %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than one signature TLV; only the first (%1) is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA-2048 PKCS#1 v1.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECDSA P-224</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECDSA P-256 (DER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 TLV at offset 0x%2 is in the unprotected area, where MCUboot ignores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA-2048 PSS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA-3072 PSS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECDSA P-224 (obsolete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECDSA P-384 (DER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519, pure (over the image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image has no hash TLV; MCUboot will not boot it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is not signed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::SRecordFormat</name>
    <message>
        <source>Data after the termination record (line %1): line %2 must be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file contains no S-records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The termination record (S7, S8 or S9) is missing; the file may be truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &apos;S&apos; at the start of an S-record, found %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown record type %1; S-records are S0 to S9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S4 records are reserved and cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An S%1 record needs at least %2 bytes after the length field (%3 address bytes and the checksum); the length field says %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record&apos;s data runs past the 32-bit address space (%1 bytes at %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record count mismatch: the S%1 record says %2 data records precede it, but there are %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A second S0 header record; only the first one is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record is too short: the length field is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad record length: the length field says %1 bytes follow it, so the record should have %2 hex digits after the type, but it has %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S%1 records hold 1 to %2 data bytes; %3 was requested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image reaches %1, above the 4 GiB that S-records can address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S-records use 16, 24 or 32-bit addresses; %1 bits were requested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image reaches %1, which does not fit in %2-bit S-record addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motorola S-record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::TextRecord</name>
    <message>
        <source>byte 0x%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected character %1 in column %2; expected a hexadecimal digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record has an odd number of hex digits (%1); expected two per byte.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad checksum: the record&apos;s checksum is 0x%1, expected 0x%2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::library::BlobStore</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a temporary file in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file changed while it was imported (SHA-256 %1, expected %2). Import it again once it is no longer being written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move the new blob to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored file %1 is missing from the blob store: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored file %1 is damaged: its SHA-256 no longer matches its name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete the stored file %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::library::FirmwareLibrary</name>
    <message>
        <source>There is no library entry with id %1. List the entries with &quot;otactl firmware list&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither an entry id nor a SHA-256 prefix of at least 6 hex digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No library entry has an id or SHA-256 starting with &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; matches several entries (ids %2); give more digits or the id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 (%2) is auxiliary content, not a firmware image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 (%2) is auxiliary content; it can only be exported as it was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bundle needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bundle needs at least one entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries but %2 component names were given; name every entry&apos;s component.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 has an empty component name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The component name &quot;%1&quot; is used twice; each component of a bundle needs its own name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no bundle with id %1. List the bundles with &quot;otactl bundle list&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::library::LibraryDatabase</name>
    <message>
        <source>The library database failed: %1 (while running: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the library database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library database has schema version %1, newer than this program understands (%2). Use a newer OTA Desk, or another workspace.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::library::LibraryImporter</name>
    <message>
        <source>The import was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: no such file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::library::PackageReader</name>
    <message>
        <source>%1 is not a valid JSON object: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The zip archive %1 holds no files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no &quot;firmware-version&quot;; give the version with --version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 lists no files (&quot;files&quot; is missing or empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, files[%2]: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no &quot;file&quot; is given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the listed file &quot;%1&quot; is not in the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 bytes but the manifest lists %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::library::ZipArchive</name>
    <message>
        <source>the name is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name contains a NUL character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name contains a backslash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name is an absolute path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name starts with a drive letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name climbs out of the archive with &quot;..&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive is %1 bytes, more than the %2 bytes allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive %1 is %2 bytes, more than the %3 bytes allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is too short (%1 bytes) to be a zip archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No end-of-central-directory record: the zip archive is truncated or not a zip archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive uses zip64 extensions, which are not supported. Repack it as a plain zip (members under 4 GiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive uses zip64 extensions, which are not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multi-volume (split) zip archives are not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive has %1 members, more than the %2 allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The central directory (offset %1, %2 bytes) runs past the end record at %3: the archive is truncated or damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The members of the archive expand to more than %1 bytes; refusing to unpack it (zip bomb?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The central directory holds %1 bytes more than its %2 records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members &quot;%1&quot; and &quot;%2&quot; overlap in the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Central directory record %1 at offset %2 is missing or damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Central directory record %1 at offset %2 runs past the directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member &quot;%1&quot; (central record at offset %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zip64 members are not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsafe member name: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the member is encrypted; decrypt the archive first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compression method %1 is not supported (only stored and deflate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a stored member with %1 compressed but %2 uncompressed bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it expands to %1 bytes, more than the %2 allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it expands %1 compressed bytes to %2 bytes, a ratio above %3:1 (zip bomb?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member &quot;%1&quot; (local header at offset %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local header is missing or damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local header says compression method %1, the central directory %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local header and the central directory disagree about encryption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local header names another file than the central directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local header&apos;s CRC or sizes differ from the central directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its %1 bytes of data run past the start of the central directory (truncated archive?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive has no member &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member &quot;%1&quot; (data at offset %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zlib could not be initialised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it inflates to more than the %1 bytes it declares.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the deflate data is damaged (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the deflate data is damaged or truncated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it inflates to %1 bytes but declares %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRC-32 mismatch: the data has %1, the archive says %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::library::ZipWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ActivityLogDock</name>
    <message>
        <source>Activity log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove all messages from the activity log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected messages (or all shown) to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ActivityLogModel</name>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ComingPage</name>
    <message>
        <source>%1 is coming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the command line: &lt;code&gt;%1&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::EntryDetails</name>
    <message>
        <source>Product / version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry point:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image CRC-32:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No entry selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 file, %2 of data in %n segment(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::EntryPreview</name>
    <message>
        <source>Select a firmware entry to see its bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is auxiliary content, stored as-is; it has no memory layout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show the bytes: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ExportDialog</name>
    <message>
        <source>Only this address range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value written into gaps of a raw binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First address after the range (exclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bytes per record:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill &amp;byte:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No format can write files in this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the range as addresses, e.g. 0x08000000 and 0x08010000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end of the range must lie after its start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::FirmwarePage</name>
    <message>
        <source>Filter by name, product, version, component or format…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;The firmware library is empty&lt;/h3&gt;&lt;p&gt;Drop firmware files here — Intel HEX, S-record, ELF, raw binary, MCUboot images or vendor .zip packages — or use &lt;b&gt;File › Import…&lt;/b&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete from Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — otactl: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Command line: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import firmware files or packages into the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the selected entry as Intel HEX, S-record, binary or ELF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected entries from the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the library again from the workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace cannot change while an import runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the library in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;The library cannot be opened&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Choose another workspace in File › Settings….&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the library: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import firmware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>;;Zip packages (*.zip);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already in the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 (%n entries)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled; the file being read was not added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) imported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were already in the library.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be imported.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) — see the activity log.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The range %1 holds no data of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 from the library? The stored file is removed unless another entry uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n entries from the library?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete from library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::FirmwareTableModel</name>
    <message>
        <source>auxiliary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (MCUboot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (library id %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes in the file, %2 bytes of data</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::HexView</name>
    <message>
        <source>Select a firmware entry to see its bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry holds no bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gap %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ImportDialog</name>
    <message>
        <source>Import firmware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the package metadata, if any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the package or MCUboot header, if any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>derived from the file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect from content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the first byte of a raw binary goes, e.g. 0x08000000. Other formats carry their own addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Component:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) to import:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ImportJob</name>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::MainWindow</name>
    <message>
        <source>OTA Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author SUIT manifests for firmware in the library, sign them with a key that never leaves this computer, and verify envelopes you received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse the fleet by model, batch, version or tags with one filter expression, and see each device&apos;s installed components and update history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan staged rollouts — canary first, then waves in maintenance windows — approve them and watch their progress, pausing or aborting on failures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update devices on the bench over USB serial or LAN with MCUmgr/SMP, without any server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the bundled local server or connect to a remote one, and publish signed manifests to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace folder, language, export defaults and logging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected entries, bytes or log messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the activity log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About OTA Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Opened workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same workspace on the command line: otactl --workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About OTA Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;OTA Desk %1&lt;/h3&gt;&lt;p&gt;Firmware update management for IoT device fleets: import and inspect firmware, author and sign SUIT manifests, roll out updates in stages.&lt;/p&gt;&lt;p&gt;The command-line tool &lt;code&gt;otactl&lt;/code&gt; does everything this window does.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit OTA Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import or export is still running. Cancel it and quit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::MemoryMapWidget</name>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a firmware entry to see its memory map (two to compare)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both entries occupy %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written more than once: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment %1 of %2: %3 — %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::Navigation</name>
    <message>
        <source>Show the %1 page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder holding the firmware library (library.sqlite and blobs/)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value of erased flash; fills gaps when an image is flattened or exported as binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data bytes per record when writing Intel HEX or S-record files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject files whose records overwrite each other with different bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Developer logging rules, separated by semicolons (same as --log-rules)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Workspace folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Erased byte value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bytes per record:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlaps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;rules:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log rule “%1” is not of the form category.level=true|false, e.g. otadesk.firmware.debug=true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a workspace folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace folder must be an absolute path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace path %1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>otadesk::ui::TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running operation; nothing partial is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
