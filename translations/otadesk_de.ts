<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>main</name>
    <message>
        <source>Firmware update management for IoT fleets</source>
        <translation>Verwaltung von Firmware-Updates für IoT-Geräteflotten</translation>
    </message>
    <message>
        <source>Use the workspace folder DIR (default: $OTADESK_WORKSPACE, then the settings).</source>
        <translation>Den Arbeitsbereichsordner DIR verwenden (Standard: $OTADESK_WORKSPACE, danach die Einstellungen).</translation>
    </message>
    <message>
        <source>Developer logging rules, e.g. &quot;otadesk.firmware.debug=true&quot;.</source>
        <translation>Protokollierungsregeln für Entwickler, z. B. „otadesk.firmware.debug=true“.</translation>
    </message>
    <message>
        <source>Save a picture of the main window after start-up to FILE and quit.</source>
        <translation>Nach dem Start ein Bild des Hauptfensters in FILE speichern und beenden.</translation>
    </message>
    <message>
        <source>Select library entries after start-up: comma-separated ids or file names (e.g. for --screenshot of a comparison).</source>
        <translation>Nach dem Start Bibliothekseinträge auswählen: kommagetrennte IDs oder Dateinamen (z. B. für --screenshot eines Vergleichs).</translation>
    </message>
</context>
<context>
    <name>otadesk::Error</name>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>record %1</source>
        <translation>Datensatz %1</translation>
    </message>
    <message>
        <source>offset 0x%1</source>
        <translation>Offset 0x%1</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Cannot create the workspace folder %1. Check that the parent folder exists and is writable, or choose another workspace with --workspace.</source>
        <translation>Der Arbeitsbereichsordner %1 kann nicht angelegt werden. Prüfen Sie, ob der übergeordnete Ordner existiert und beschreibbar ist, oder wählen Sie mit --workspace einen anderen Arbeitsbereich.</translation>
    </message>
    <message>
        <source>The image is empty; there is no MCUboot header to inspect.</source>
        <translation>Das Image ist leer; es gibt keinen MCUboot-Header zum Untersuchen.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>%1 bytes at %2 run past the end of the 64-bit address space.</source>
        <translation>%1 Bytes bei %2 reichen über das Ende des 64-Bit-Adressraums hinaus.</translation>
    </message>
    <message>
        <source>Bytes at %1 are written twice with different values.</source>
        <translation>Die Bytes bei %1 werden zweimal mit unterschiedlichen Werten geschrieben.</translation>
    </message>
    <message>
        <source>Bytes at %1 are written twice (same values).</source>
        <translation>Die Bytes bei %1 werden zweimal geschrieben (gleiche Werte).</translation>
    </message>
    <message>
        <source>Bytes at %1 are written twice with different values; the later data is kept.</source>
        <translation>Die Bytes bei %1 werden zweimal mit unterschiedlichen Werten geschrieben; die späteren Daten werden übernommen.</translation>
    </message>
    <message>
        <source>The range %1 spans %2 bytes, more than the %3 bytes a flat binary may have here. Export a smaller range, or keep the image sparse (HEX, S-record, ELF).</source>
        <translation>Der Bereich %1 umfasst %2 Bytes, mehr als die %3 Bytes, die eine flache Binärdatei hier haben darf. Exportieren Sie einen kleineren Bereich oder behalten Sie das Image mit Lücken bei (HEX, S-Record, ELF).</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::BinaryFormat</name>
    <message>
        <source>Raw binary</source>
        <translation>Binärdatei (roh)</translation>
    </message>
    <message>
        <source>A %1-byte binary at base address %2 runs past the end of the address space.</source>
        <translation>Eine %1 Byte große Binärdatei an der Basisadresse %2 reicht über das Ende des Adressraums hinaus.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::ElfFormat</name>
    <message>
        <source>ELF executable</source>
        <translation>Ausführbare ELF-Datei</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::ElfLoader</name>
    <message>
        <source>Every program header has p_paddr 0; sections are placed at their virtual addresses, as objcopy does.</source>
        <translation>Alle Programm-Header haben p_paddr 0; die Sektionen werden wie bei objcopy an ihre virtuellen Adressen gelegt.</translation>
    </message>
    <message>
        <source>No allocated section lies inside a PT_LOAD segment; the segments were loaded whole.</source>
        <translation>Keine allozierte Sektion liegt innerhalb eines PT_LOAD-Segments; die Segmente wurden vollständig geladen.</translation>
    </message>
    <message>
        <source>This is an object file (ET_REL), not a program: it has no load addresses yet. Link it first and import the linked ELF.</source>
        <translation>Dies ist eine Objektdatei (ET_REL), kein Programm: Sie hat noch keine Ladeadressen. Linken Sie sie zuerst und importieren Sie dann die gelinkte ELF-Datei.</translation>
    </message>
    <message>
        <source>This is a core dump (ET_CORE), not firmware: it holds no loadable data.</source>
        <translation>Dies ist ein Core-Dump (ET_CORE), keine Firmware: Er enthält keine ladbaren Daten.</translation>
    </message>
    <message>
        <source>This ELF file has no loadable data: none of its %1 program headers is a PT_LOAD segment with bytes in the file (only zero-initialised memory, if any). Was it stripped or linked without sections?</source>
        <translation>Diese ELF-Datei enthält keine ladbaren Daten: Keiner ihrer %1 Programm-Header ist ein PT_LOAD-Segment mit Bytes in der Datei (allenfalls mit Null initialisierter Speicher). Wurde sie gestrippt oder ohne Sektionen gelinkt?</translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation>Das Lesen wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Section [%1] %2 is allocated but lies in no PT_LOAD segment; it was left out.</source>
        <translation>Sektion [%1] %2 ist alloziert, liegt aber in keinem PT_LOAD-Segment; sie wurde ausgelassen.</translation>
    </message>
    <message>
        <source>Section [%1] %2 runs past the end of the address space.</source>
        <translation>Sektion [%1] %2 reicht über das Ende des Adressraums hinaus.</translation>
    </message>
    <message>
        <source>Program header [%1] runs past the end of the address space.</source>
        <translation>Programm-Header [%1] reicht über das Ende des Adressraums hinaus.</translation>
    </message>
    <message>
        <source>Segment [%1] runs at virtual address %2 but is loaded at %3 (LMA); the image uses the load address.</source>
        <translation>Segment [%1] läuft an der virtuellen Adresse %2, wird aber an %3 geladen (LMA); das Image verwendet die Ladeadresse.</translation>
    </message>
    <message>
        <source>%1 bytes of PT_LOAD memory beyond the file contents (.bss, zero-initialised at run time) are not part of the image.</source>
        <translation>%1 Bytes PT_LOAD-Speicher jenseits des Dateiinhalts (.bss, zur Laufzeit mit Null initialisiert) sind nicht Teil des Images.</translation>
    </message>
    <message>
        <source>%1 bytes of PT_LOAD segments belong to no section (ELF headers, padding) and were left out, as objcopy does.</source>
        <translation>%1 Bytes in PT_LOAD-Segmenten gehören zu keiner Sektion (ELF-Header, Padding) und wurden wie bei objcopy ausgelassen.</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::ElfParser</name>
    <message>
        <source>This is not an ELF file (the 0x7f &apos;E&apos; &apos;L&apos; &apos;F&apos; magic is missing).</source>
        <translation>Dies ist keine ELF-Datei (die Magic-Bytes 0x7f &apos;E&apos; &apos;L&apos; &apos;F&apos; fehlen).</translation>
    </message>
    <message>
        <source>The file ends after %1 bytes, inside the 16-byte ELF identification.</source>
        <translation>Die Datei endet nach %1 Bytes, innerhalb der 16 Byte langen ELF-Identifikation.</translation>
    </message>
    <message>
        <source>Invalid ELF class byte %1 (expected 1 for ELF32 or 2 for ELF64).</source>
        <translation>Ungültiges ELF-Klassenbyte %1 (erwartet: 1 für ELF32 oder 2 für ELF64).</translation>
    </message>
    <message>
        <source>Invalid ELF data encoding byte %1 (expected 1 for little endian or 2 for big endian).</source>
        <translation>Ungültiges ELF-Datenkodierungsbyte %1 (erwartet: 1 für Little Endian oder 2 für Big Endian).</translation>
    </message>
    <message>
        <source>Unsupported ELF identification version %1 (expected 1).</source>
        <translation>Nicht unterstützte ELF-Identifikationsversion %1 (erwartet: 1).</translation>
    </message>
    <message>
        <source>The file ends after %1 bytes, inside the %2-byte ELF header.</source>
        <translation>Die Datei endet nach %1 Bytes, innerhalb des %2 Byte langen ELF-Headers.</translation>
    </message>
    <message>
        <source>The header lists %1 sections but no section header table offset (e_shoff is 0).</source>
        <translation>Der Header nennt %1 Sektionen, aber keinen Offset der Sektions-Header-Tabelle (e_shoff ist 0).</translation>
    </message>
    <message>
        <source>e_phnum is PN_XNUM (0xffff) but there is no section header 0 holding the real count.</source>
        <translation>e_phnum ist PN_XNUM (0xffff), aber es gibt keinen Sektions-Header 0 mit der tatsächlichen Anzahl.</translation>
    </message>
    <message>
        <source>Section header entries are %1 bytes (e_shentsize); ELF%2 needs at least %3.</source>
        <translation>Sektions-Header-Einträge sind %1 Bytes groß (e_shentsize); ELF%2 benötigt mindestens %3.</translation>
    </message>
    <message>
        <source>The section header table at offset 0x%1 lies past the end of the %2-byte file.</source>
        <translation>Die Sektions-Header-Tabelle bei Offset 0x%1 liegt hinter dem Ende der %2 Byte großen Datei.</translation>
    </message>
    <message>
        <source>The %1 (%2 entries of %3 bytes at offset 0x%4) runs past the end of the %5-byte file.</source>
        <translation>Die %1 (%2 Einträge zu je %3 Bytes bei Offset 0x%4) reicht über das Ende der %5 Byte großen Datei hinaus.</translation>
    </message>
    <message>
        <source>Program header entries are %1 bytes (e_phentsize); ELF%2 needs at least %3.</source>
        <translation>Programm-Header-Einträge sind %1 Bytes groß (e_phentsize); ELF%2 benötigt mindestens %3.</translation>
    </message>
    <message>
        <source>program header table</source>
        <translation>Programm-Header-Tabelle</translation>
    </message>
    <message>
        <source>Program header [%1]: its %2 file bytes at offset 0x%3 run past the end of the %4-byte file (truncated file?).</source>
        <translation>Programm-Header [%1]: Seine %2 Datei-Bytes bei Offset 0x%3 reichen über das Ende der %4 Byte großen Datei hinaus (Datei abgeschnitten?).</translation>
    </message>
    <message>
        <source>Program header [%1]: the file size 0x%2 is larger than the memory size 0x%3.</source>
        <translation>Programm-Header [%1]: Die Dateigröße 0x%2 ist größer als die Speichergröße 0x%3.</translation>
    </message>
    <message>
        <source>Program header [%1]: 0x%2 bytes at address 0x%3 run past the end of the address space.</source>
        <translation>Programm-Header [%1]: 0x%2 Bytes an Adresse 0x%3 reichen über das Ende des Adressraums hinaus.</translation>
    </message>
    <message>
        <source>The name of %1 starts at 0x%2, past the end of its %3-byte string table.</source>
        <translation>Der Name von %1 beginnt bei 0x%2, hinter dem Ende der zugehörigen %3 Byte großen String-Tabelle.</translation>
    </message>
    <message>
        <source>The name of %1 is not terminated inside its string table.</source>
        <translation>Der Name von %1 ist innerhalb der zugehörigen String-Tabelle nicht terminiert.</translation>
    </message>
    <message>
        <source>section header table</source>
        <translation>Sektions-Header-Tabelle</translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation>Das Lesen wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Section [%1]: its %2 bytes at offset 0x%3 run past the end of the %4-byte file (truncated file?).</source>
        <translation>Sektion [%1]: Ihre %2 Bytes bei Offset 0x%3 reichen über das Ende der %4 Byte großen Datei hinaus (Datei abgeschnitten?).</translation>
    </message>
    <message>
        <source>The section name table index e_shstrndx = %1 is out of range (the file has %2 sections).</source>
        <translation>Der Index der Sektionsnamentabelle e_shstrndx = %1 liegt außerhalb des gültigen Bereichs (die Datei hat %2 Sektionen).</translation>
    </message>
    <message>
        <source>The section name table (section [%1]) holds no bytes in the file.</source>
        <translation>Die Sektionsnamentabelle (Sektion [%1]) hat keine Bytes in der Datei.</translation>
    </message>
    <message>
        <source>section [%1]</source>
        <translation>Sektion [%1]</translation>
    </message>
    <message>
        <source>Symbol table section [%1] has %2-byte entries; ELF%3 needs at least %4.</source>
        <translation>Die Symboltabellen-Sektion [%1] hat %2 Byte große Einträge; ELF%3 benötigt mindestens %4.</translation>
    </message>
    <message>
        <source>Symbol table section [%1] links to string table [%2], which does not exist.</source>
        <translation>Die Symboltabellen-Sektion [%1] verweist auf die String-Tabelle [%2], die nicht existiert.</translation>
    </message>
    <message>
        <source>Symbol table section [%1] links to section [%2], which is not a string table with bytes in the file.</source>
        <translation>Die Symboltabellen-Sektion [%1] verweist auf die Sektion [%2], die keine String-Tabelle mit Bytes in der Datei ist.</translation>
    </message>
    <message>
        <source>symbol %1</source>
        <translation>Symbol %1</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::ElfWriter</name>
    <message>
        <source>Writing was cancelled.</source>
        <translation>Das Schreiben wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The image is too large for an ELF32 file (%1 bytes).</source>
        <translation>Das Image ist zu groß für eine ELF32-Datei (%1 Bytes).</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::FormatRegistry</name>
    <message>
        <source>All firmware (%1)</source>
        <translation>Alle Firmware-Dateien (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Unknown format &quot;%1&quot;. Known formats: %2.</source>
        <translation>Unbekanntes Format „%1“. Bekannte Formate: %2.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::IntelHexFormat</name>
    <message>
        <source>Data after the end-of-file record (line %1): line %2 must be empty.</source>
        <translation>Daten nach dem Dateiende-Datensatz (Zeile %1): Zeile %2 muss leer sein.</translation>
    </message>
    <message>
        <source>The file contains no Intel HEX records.</source>
        <translation>Die Datei enthält keine Intel-HEX-Datensätze.</translation>
    </message>
    <message>
        <source>The end-of-file record (:00000001FF) is missing; the file may be truncated.</source>
        <translation>Der Dateiende-Datensatz (:00000001FF) fehlt; die Datei ist möglicherweise abgeschnitten.</translation>
    </message>
    <message>
        <source>Expected &apos;:&apos; at the start of an Intel HEX record, found %1.</source>
        <translation>Am Anfang eines Intel-HEX-Datensatzes wurde &apos;:&apos; erwartet, gefunden: %1.</translation>
    </message>
    <message>
        <source>end-of-file</source>
        <translation>Dateiende</translation>
    </message>
    <message>
        <source>extended segment address</source>
        <translation>Erweiterte Segmentadresse</translation>
    </message>
    <message>
        <source>start segment address</source>
        <translation>Start-Segmentadresse</translation>
    </message>
    <message>
        <source>extended linear address</source>
        <translation>Erweiterte lineare Adresse</translation>
    </message>
    <message>
        <source>start linear address</source>
        <translation>Lineare Startadresse</translation>
    </message>
    <message>
        <source>Unknown record type %1; Intel HEX defines types 00 to 05.</source>
        <translation>Unbekannter Datensatztyp %1; Intel HEX definiert die Typen 00 bis 05.</translation>
    </message>
    <message>
        <source>The record is too short: expected at least 10 hex digits after &apos;:&apos; (length, address, type, checksum), found %1.</source>
        <translation>Der Datensatz ist zu kurz: Nach &apos;:&apos; werden mindestens 10 Hexziffern erwartet (Länge, Adresse, Typ, Prüfsumme), gefunden: %1.</translation>
    </message>
    <message>
        <source>Bad record length: the length field says %1 data bytes, so the record should have %2 hex digits after &apos;:&apos;, but it has %3.</source>
        <translation>Falsche Datensatzlänge: Laut Längenfeld folgen %1 Datenbytes, der Datensatz müsste also %2 Hexziffern nach &apos;:&apos; haben, hat aber %3.</translation>
    </message>
    <message>
        <source>A %1 record (type %2) must hold %3 data bytes, found %4.</source>
        <translation>Ein Datensatz „%1“ (Typ %2) muss %3 Datenbytes enthalten, gefunden: %4.</translation>
    </message>
    <message>
        <source>A second start address record sets the entry point to %1 (line %2 set %3); the later one is used.</source>
        <translation>Ein zweiter Startadressen-Datensatz setzt die Einsprungadresse auf %1 (Zeile %2 hatte %3 gesetzt); der spätere wird verwendet.</translation>
    </message>
    <message>
        <source>The record crosses the end of its 64 KiB segment: per the Intel HEX specification its last %1 bytes wrap to the segment start %2 (some tools put them at %3 instead).</source>
        <translation>Der Datensatz überschreitet das Ende seines 64-KiB-Segments: Laut Intel-HEX-Spezifikation laufen seine letzten %1 Bytes auf den Segmentanfang %2 über (manche Tools legen sie stattdessen an %3 ab).</translation>
    </message>
    <message>
        <source>The record crosses the 64 KiB boundary at %1; the address carries into the upper 16 bits (Intel HEX linear addressing).</source>
        <translation>Der Datensatz überschreitet die 64-KiB-Grenze bei %1; die Adresse läuft in die oberen 16 Bit über (lineare Adressierung von Intel HEX).</translation>
    </message>
    <message>
        <source>The record runs past the 4 GiB address limit; its last %1 bytes wrap to address 0.</source>
        <translation>Der Datensatz reicht über die 4-GiB-Adressgrenze hinaus; seine letzten %1 Bytes laufen auf Adresse 0 über.</translation>
    </message>
    <message>
        <source>Intel HEX records hold 1 to 255 data bytes; %1 was requested.</source>
        <translation>Intel-HEX-Datensätze enthalten 1 bis 255 Datenbytes; angefordert wurden %1.</translation>
    </message>
    <message>
        <source>The image reaches %1, above the 4 GiB that Intel HEX can address.</source>
        <translation>Das Image reicht bis %1 und damit über die 4 GiB hinaus, die Intel HEX adressieren kann.</translation>
    </message>
    <message>
        <source>The entry point %1 does not fit in 32 bits.</source>
        <translation>Die Einsprungadresse %1 passt nicht in 32 Bit.</translation>
    </message>
    <message>
        <source>Writing was cancelled.</source>
        <translation>Das Schreiben wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Intel HEX</source>
        <translation>Intel HEX</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::Mcuboot</name>
    <message>
        <source>SHA-256 image hash</source>
        <translation>SHA-256-Hash des Images</translation>
    </message>
    <message>
        <source>RSA-2048 PKCS#1 v1.5 signature</source>
        <translation>RSA-2048-Signatur (PKCS#1 v1.5)</translation>
    </message>
    <message>
        <source>ECDSA P-224 signature</source>
        <translation>ECDSA-P-224-Signatur</translation>
    </message>
    <message>
        <source>ECDSA P-256 signature</source>
        <translation>ECDSA-P-256-Signatur</translation>
    </message>
    <message>
        <source>Unknown TLV</source>
        <translation>Unbekannter TLV-Eintrag</translation>
    </message>
    <message>
        <source>SHA-256 of the signing public key</source>
        <translation>SHA-256 des öffentlichen Signaturschlüssels</translation>
    </message>
    <message>
        <source>Signing public key</source>
        <translation>Öffentlicher Signaturschlüssel</translation>
    </message>
    <message>
        <source>SHA-384 image hash</source>
        <translation>SHA-384-Hash des Images</translation>
    </message>
    <message>
        <source>SHA-512 image hash</source>
        <translation>SHA-512-Hash des Images</translation>
    </message>
    <message>
        <source>RSA-2048 PSS signature</source>
        <translation>RSA-2048-PSS-Signatur</translation>
    </message>
    <message>
        <source>ECDSA P-224 signature (obsolete)</source>
        <translation>ECDSA-P-224-Signatur (veraltet)</translation>
    </message>
    <message>
        <source>ECDSA signature (ASN.1 DER)</source>
        <translation>ECDSA-Signatur (ASN.1 DER)</translation>
    </message>
    <message>
        <source>RSA-3072 PSS signature</source>
        <translation>RSA-3072-PSS-Signatur</translation>
    </message>
    <message>
        <source>Ed25519 signature over the image hash</source>
        <translation>Ed25519-Signatur über den Image-Hash</translation>
    </message>
    <message>
        <source>Signature over the whole image (no hash)</source>
        <translation>Signatur über das gesamte Image (ohne Hash)</translation>
    </message>
    <message>
        <source>Encryption key wrapped with RSA-OAEP</source>
        <translation>Mit RSA-OAEP verpackter Verschlüsselungsschlüssel</translation>
    </message>
    <message>
        <source>Encryption key wrapped with AES-KW</source>
        <translation>Mit AES-KW verpackter Verschlüsselungsschlüssel</translation>
    </message>
    <message>
        <source>Encryption key wrapped with ECIES P-256</source>
        <translation>Mit ECIES P-256 verpackter Verschlüsselungsschlüssel</translation>
    </message>
    <message>
        <source>Encryption key wrapped with ECIES X25519</source>
        <translation>Mit ECIES X25519 verpackter Verschlüsselungsschlüssel</translation>
    </message>
    <message>
        <source>Encryption key wrapped with ECIES X25519 (SHA-512)</source>
        <translation>Mit ECIES X25519 (SHA-512) verpackter Verschlüsselungsschlüssel</translation>
    </message>
    <message>
        <source>Dependency on another image</source>
        <translation>Abhängigkeit von einem anderen Image</translation>
    </message>
    <message>
        <source>Security counter (anti-rollback)</source>
        <translation>Sicherheitszähler (Anti-Rollback)</translation>
    </message>
    <message>
        <source>Measured-boot record (CBOR)</source>
        <translation>Measured-Boot-Datensatz (CBOR)</translation>
    </message>
    <message>
        <source>Size of the decompressed image</source>
        <translation>Größe des dekomprimierten Images</translation>
    </message>
    <message>
        <source>Hash of the decompressed image</source>
        <translation>Hash des dekomprimierten Images</translation>
    </message>
    <message>
        <source>Signature of the decompressed image</source>
        <translation>Signatur des dekomprimierten Images</translation>
    </message>
    <message>
        <source>Compressed image: decompressed size</source>
        <translation>Komprimiertes Image: dekomprimierte Größe</translation>
    </message>
    <message>
        <source>Vendor UUID</source>
        <translation>Hersteller-UUID</translation>
    </message>
    <message>
        <source>Image class UUID</source>
        <translation>Image-Klassen-UUID</translation>
    </message>
    <message>
        <source>Vendor-specific TLV</source>
        <translation>Herstellerspezifischer TLV-Eintrag</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::McubootInspector</name>
    <message>
        <source>The image body ends at offset 0x%1 (header size 0x%2 + image size %3), but the data ends at 0x%4: the image is truncated.</source>
        <translation>Der Image-Inhalt endet bei Offset 0x%1 (Headergröße 0x%2 + Imagegröße %3), die Daten enden aber bei 0x%4: Das Image ist abgeschnitten.</translation>
    </message>
    <message>
        <source>The data ends after %1 bytes, before the 4-byte MCUboot header magic.</source>
        <translation>Die Daten enden nach %1 Bytes, vor der 4 Byte langen Magic-Nummer des MCUboot-Headers.</translation>
    </message>
    <message>
        <source>The header magic is 0xffffffff: this is erased flash, not an MCUboot image.</source>
        <translation>Die Magic-Nummer des Headers ist 0xffffffff: Das ist gelöschter Flash-Speicher, kein MCUboot-Image.</translation>
    </message>
    <message>
        <source>Not an MCUboot image: the header magic is 0x%1, expected 0x%2.</source>
        <translation>Kein MCUboot-Image: Die Magic-Nummer des Headers ist 0x%1, erwartet: 0x%2.</translation>
    </message>
    <message>
        <source>The data ends after %1 bytes, inside the 32-byte MCUboot image header.</source>
        <translation>Die Daten enden nach %1 Bytes, innerhalb des 32 Byte langen MCUboot-Image-Headers.</translation>
    </message>
    <message>
        <source>Legacy (v1) MCUboot header, key id %1.</source>
        <translation>MCUboot-Header im alten Format (v1), Schlüssel-ID %1.</translation>
    </message>
    <message>
        <source>The header size ih_hdr_size = %1 is smaller than the 32-byte header itself.</source>
        <translation>Die Headergröße ih_hdr_size = %1 ist kleiner als der 32 Byte lange Header selbst.</translation>
    </message>
    <message>
        <source>protected</source>
        <translation>geschützt</translation>
    </message>
    <message>
        <source>unprotected</source>
        <translation>ungeschützt</translation>
    </message>
    <message>
        <source>TLV %1 at offset 0x%2: its 4-byte header runs past the end of the %3 TLV area (0x%4).</source>
        <translation>TLV-Eintrag %1 bei Offset 0x%2: Sein 4-Byte-Header reicht über das Ende des TLV-Bereichs (%3) hinaus (0x%4).</translation>
    </message>
    <message>
        <source>TLV %1 (%2) at offset 0x%3 has length %4, which runs past the end of the %5 TLV area at 0x%6.</source>
        <translation>TLV-Eintrag %1 (%2) bei Offset 0x%3 hat die Länge %4 und reicht damit über das Ende des TLV-Bereichs (%5) bei 0x%6 hinaus.</translation>
    </message>
    <message>
        <source>The protected TLV area header at offset 0x%1 runs past the end of the data (0x%2).</source>
        <translation>Der Header des geschützten TLV-Bereichs bei Offset 0x%1 reicht über das Ende der Daten (0x%2) hinaus.</translation>
    </message>
    <message>
        <source>There is no TLV area after the image at offset 0x%1 (the data ends at 0x%2): the image is unsigned or truncated.</source>
        <translation>Nach dem Image gibt es bei Offset 0x%1 keinen TLV-Bereich (die Daten enden bei 0x%2): Das Image ist nicht signiert oder abgeschnitten.</translation>
    </message>
    <message>
        <source>Expected the %1 TLV area magic 0x%2 at offset 0x%3, found 0x%4.</source>
        <translation>Erwartet wurde die Magic-Nummer 0x%2 des TLV-Bereichs (%1) bei Offset 0x%3, gefunden: 0x%4.</translation>
    </message>
    <message>
        <source>The %1 TLV area size tlv_tot = %2 is smaller than its own 4-byte header.</source>
        <translation>Die Größe des TLV-Bereichs (%1) tlv_tot = %2 ist kleiner als sein eigener 4-Byte-Header.</translation>
    </message>
    <message>
        <source>The protected TLV area size tlv_tot = %1 disagrees with ih_protect_tlv_size = %2 in the header.</source>
        <translation>Die Größe des geschützten TLV-Bereichs tlv_tot = %1 stimmt nicht mit ih_protect_tlv_size = %2 im Header überein.</translation>
    </message>
    <message>
        <source>The %1 TLV area size tlv_tot = %2 at offset 0x%3 runs past the end of the data (0x%4): the image is truncated or the size is wrong.</source>
        <translation>Die Größe des TLV-Bereichs (%1) tlv_tot = %2 bei Offset 0x%3 reicht über das Ende der Daten (0x%4) hinaus: Das Image ist abgeschnitten oder die Größe ist falsch.</translation>
    </message>
    <message>
        <source>A protected TLV area starts at offset 0x%1, but the header&apos;s ih_protect_tlv_size is 0.</source>
        <translation>Bei Offset 0x%1 beginnt ein geschützter TLV-Bereich, aber ih_protect_tlv_size im Header ist 0.</translation>
    </message>
    <message>
        <source>The legacy TLV size %1 runs past the end of the data (0x%2).</source>
        <translation>Die TLV-Größe %1 (altes Format) reicht über das Ende der Daten (0x%2) hinaus.</translation>
    </message>
    <message>
        <source>The %1 TLV at offset 0x%2 has %3 bytes; it must have %4.</source>
        <translation>Der TLV-Eintrag %1 bei Offset 0x%2 hat %3 Bytes; er muss %4 haben.</translation>
    </message>
    <message>
        <source>More than one signature TLV; only the first (%1) is shown.</source>
        <translation>Mehr als ein Signatur-TLV-Eintrag; nur der erste (%1) wird angezeigt.</translation>
    </message>
    <message>
        <source>RSA-2048 PKCS#1 v1.5</source>
        <translation>RSA-2048 PKCS#1 v1.5</translation>
    </message>
    <message>
        <source>ECDSA P-224</source>
        <translation>ECDSA P-224</translation>
    </message>
    <message>
        <source>ECDSA P-256 (DER)</source>
        <translation>ECDSA P-256 (DER)</translation>
    </message>
    <message>
        <source>The %1 TLV at offset 0x%2 is in the unprotected area, where MCUboot ignores it.</source>
        <translation>Der TLV-Eintrag %1 bei Offset 0x%2 liegt im ungeschützten Bereich, wo MCUboot ihn ignoriert.</translation>
    </message>
    <message>
        <source>RSA-2048 PSS</source>
        <translation>RSA-2048 PSS</translation>
    </message>
    <message>
        <source>RSA-3072 PSS</source>
        <translation>RSA-3072 PSS</translation>
    </message>
    <message>
        <source>ECDSA P-224 (obsolete)</source>
        <translation>ECDSA P-224 (veraltet)</translation>
    </message>
    <message>
        <source>ECDSA P-384 (DER)</source>
        <translation>ECDSA P-384 (DER)</translation>
    </message>
    <message>
        <source>Ed25519</source>
        <translation>Ed25519</translation>
    </message>
    <message>
        <source>Ed25519, pure (over the image)</source>
        <translation>Ed25519, pure (über das Image)</translation>
    </message>
    <message>
        <source>The image has no hash TLV; MCUboot will not boot it.</source>
        <translation>Das Image hat keinen Hash-TLV-Eintrag; MCUboot wird es nicht booten.</translation>
    </message>
    <message>
        <source>The image is not signed.</source>
        <translation>Das Image ist nicht signiert.</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::SRecordFormat</name>
    <message>
        <source>Data after the termination record (line %1): line %2 must be empty.</source>
        <translation>Daten nach dem Abschlussdatensatz (Zeile %1): Zeile %2 muss leer sein.</translation>
    </message>
    <message>
        <source>The file contains no S-records.</source>
        <translation>Die Datei enthält keine S-Records.</translation>
    </message>
    <message>
        <source>The termination record (S7, S8 or S9) is missing; the file may be truncated.</source>
        <translation>Der Abschlussdatensatz (S7, S8 oder S9) fehlt; die Datei ist möglicherweise abgeschnitten.</translation>
    </message>
    <message>
        <source>Expected &apos;S&apos; at the start of an S-record, found %1.</source>
        <translation>Am Anfang eines S-Records wurde &apos;S&apos; erwartet, gefunden: %1.</translation>
    </message>
    <message>
        <source>Unknown record type %1; S-records are S0 to S9.</source>
        <translation>Unbekannter Datensatztyp %1; S-Records reichen von S0 bis S9.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>S4 records are reserved and cannot be read.</source>
        <translation>S4-Datensätze sind reserviert und können nicht gelesen werden.</translation>
    </message>
    <message>
        <source>An S%1 record needs at least %2 bytes after the length field (%3 address bytes and the checksum); the length field says %4.</source>
        <translation>Ein S%1-Datensatz benötigt nach dem Längenfeld mindestens %2 Bytes (%3 Adressbytes und die Prüfsumme); das Längenfeld gibt %4 an.</translation>
    </message>
    <message>
        <source>The record&apos;s data runs past the 32-bit address space (%1 bytes at %2).</source>
        <translation>Die Daten des Datensatzes reichen über den 32-Bit-Adressraum hinaus (%1 Bytes bei %2).</translation>
    </message>
    <message>
        <source>Record count mismatch: the S%1 record says %2 data records precede it, but there are %3.</source>
        <translation>Falsche Datensatzanzahl: Laut S%1-Datensatz gehen ihm %2 Datensätze voraus, es sind aber %3.</translation>
    </message>
    <message>
        <source>A second S0 header record; only the first one is kept.</source>
        <translation>Ein zweiter S0-Header-Datensatz; nur der erste wird übernommen.</translation>
    </message>
    <message>
        <source>The record is too short: the length field is missing.</source>
        <translation>Der Datensatz ist zu kurz: Das Längenfeld fehlt.</translation>
    </message>
    <message>
        <source>Bad record length: the length field says %1 bytes follow it, so the record should have %2 hex digits after the type, but it has %3.</source>
        <translation>Falsche Datensatzlänge: Laut Längenfeld folgen %1 Bytes, der Datensatz müsste also %2 Hexziffern nach dem Typ haben, hat aber %3.</translation>
    </message>
    <message>
        <source>S%1 records hold 1 to %2 data bytes; %3 was requested.</source>
        <translation>S%1-Datensätze enthalten 1 bis %2 Datenbytes; angefordert wurden %3.</translation>
    </message>
    <message>
        <source>Writing was cancelled.</source>
        <translation>Das Schreiben wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The image reaches %1, above the 4 GiB that S-records can address.</source>
        <translation>Das Image reicht bis %1 und damit über die 4 GiB hinaus, die S-Records adressieren können.</translation>
    </message>
    <message>
        <source>S-records use 16, 24 or 32-bit addresses; %1 bits were requested.</source>
        <translation>S-Records verwenden 16-, 24- oder 32-Bit-Adressen; angefordert wurden %1 Bit.</translation>
    </message>
    <message>
        <source>The image reaches %1, which does not fit in %2-bit S-record addresses.</source>
        <translation>Das Image reicht bis %1; das passt nicht in %2-Bit-Adressen von S-Records.</translation>
    </message>
    <message>
        <source>Motorola S-record</source>
        <translation>Motorola S-Record</translation>
    </message>
</context>
<context>
    <name>otadesk::firmware::TextRecord</name>
    <message>
        <source>byte 0x%1</source>
        <translation>Byte 0x%1</translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation>Das Lesen wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Unexpected character %1 in column %2; expected a hexadecimal digit.</source>
        <translation>Unerwartetes Zeichen %1 in Spalte %2; erwartet wurde eine Hexadezimalziffer.</translation>
    </message>
    <message>
        <source>The record has an odd number of hex digits (%1); expected two per byte.</source>
        <translation>Der Datensatz hat eine ungerade Anzahl Hexziffern (%1); erwartet werden zwei pro Byte.</translation>
    </message>
    <message>
        <source>Bad checksum: the record&apos;s checksum is 0x%1, expected 0x%2.</source>
        <translation>Falsche Prüfsumme: Die Prüfsumme des Datensatzes ist 0x%1, erwartet: 0x%2.</translation>
    </message>
</context>
<context>
    <name>otadesk::library::BlobStore</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot create a temporary file in %1: %2</source>
        <translation>In %1 kann keine temporäre Datei angelegt werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The file changed while it was imported (SHA-256 %1, expected %2). Import it again once it is no longer being written.</source>
        <translation>Die Datei hat sich während des Imports geändert (SHA-256 %1, erwartet: %2). Importieren Sie sie erneut, sobald nicht mehr in sie geschrieben wird.</translation>
    </message>
    <message>
        <source>Cannot move the new blob to %1: %2</source>
        <translation>Der neue Blob kann nicht nach %1 verschoben werden: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation>Der Import wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The stored file %1 is missing from the blob store: %2</source>
        <translation>Die gespeicherte Datei %1 fehlt im Blob-Speicher: %2</translation>
    </message>
    <message>
        <source>The stored file %1 is damaged: its SHA-256 no longer matches its name.</source>
        <translation>Die gespeicherte Datei %1 ist beschädigt: Ihr SHA-256 stimmt nicht mehr mit ihrem Namen überein.</translation>
    </message>
    <message>
        <source>Cannot delete the stored file %1.</source>
        <translation>Die gespeicherte Datei %1 kann nicht gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>otadesk::library::FirmwareLibrary</name>
    <message>
        <source>There is no library entry with id %1. List the entries with &quot;otactl firmware list&quot;.</source>
        <translation>Es gibt keinen Bibliothekseintrag mit der ID %1. Mit „otactl firmware list“ können Sie die Einträge auflisten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither an entry id nor a SHA-256 prefix of at least 6 hex digits.</source>
        <translation>„%1“ ist weder eine Eintrags-ID noch ein SHA-256-Präfix aus mindestens 6 Hexziffern.</translation>
    </message>
    <message>
        <source>No library entry has an id or SHA-256 starting with &quot;%1&quot;.</source>
        <translation>Keine ID und kein SHA-256 eines Bibliothekseintrags beginnt mit „%1“.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; matches several entries (ids %2); give more digits or the id.</source>
        <translation>„%1“ passt auf mehrere Einträge (IDs %2); geben Sie mehr Ziffern oder die ID an.</translation>
    </message>
    <message>
        <source>Entry %1 (%2) is auxiliary content, not a firmware image.</source>
        <translation>Eintrag %1 (%2) ist ein Zusatzinhalt, kein Firmware-Image.</translation>
    </message>
    <message>
        <source>Entry %1 (%2) is auxiliary content; it can only be exported as it was imported.</source>
        <translation>Eintrag %1 (%2) ist ein Zusatzinhalt; er kann nur so exportiert werden, wie er importiert wurde.</translation>
    </message>
    <message>
        <source>A bundle needs a name.</source>
        <translation>Ein Bundle benötigt einen Namen.</translation>
    </message>
    <message>
        <source>A bundle needs at least one entry.</source>
        <translation>Ein Bundle benötigt mindestens einen Eintrag.</translation>
    </message>
    <message>
        <source>%1 entries but %2 component names were given; name every entry&apos;s component.</source>
        <translation>%1 Einträge, aber %2 Komponentennamen angegeben; benennen Sie die Komponente jedes Eintrags.</translation>
    </message>
    <message>
        <source>Entry %1 has an empty component name.</source>
        <translation>Eintrag %1 hat einen leeren Komponentennamen.</translation>
    </message>
    <message>
        <source>The component name &quot;%1&quot; is used twice; each component of a bundle needs its own name.</source>
        <translation>Der Komponentenname „%1“ wird zweimal verwendet; jede Komponente eines Bundles benötigt einen eigenen Namen.</translation>
    </message>
    <message>
        <source>There is no bundle with id %1. List the bundles with &quot;otactl bundle list&quot;.</source>
        <translation>Es gibt kein Bundle mit der ID %1. Mit „otactl bundle list“ können Sie die Bundles auflisten.</translation>
    </message>
</context>
<context>
    <name>otadesk::library::LibraryDatabase</name>
    <message>
        <source>The library database failed: %1 (while running: %2)</source>
        <translation>Fehler in der Bibliotheksdatenbank: %1 (beim Ausführen von: %2)</translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not installed.</source>
        <translation>Der Qt-SQLite-Treiber (QSQLITE) ist nicht installiert.</translation>
    </message>
    <message>
        <source>Cannot open the library database %1: %2</source>
        <translation>Die Bibliotheksdatenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The library database has schema version %1, newer than this program understands (%2). Use a newer OTA Desk, or another workspace.</source>
        <translation>Die Bibliotheksdatenbank hat die Schemaversion %1 und ist damit neuer, als dieses Programm unterstützt (%2). Verwenden Sie eine neuere Version von OTA Desk oder einen anderen Arbeitsbereich.</translation>
    </message>
</context>
<context>
    <name>otadesk::library::LibraryImporter</name>
    <message>
        <source>The import was cancelled.</source>
        <translation>Der Import wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot open %1: no such file.</source>
        <translation>%1 kann nicht geöffnet werden: Die Datei existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::library::PackageReader</name>
    <message>
        <source>%1 is not a valid JSON object: %2</source>
        <translation>%1 ist kein gültiges JSON-Objekt: %2</translation>
    </message>
    <message>
        <source>The zip archive %1 holds no files.</source>
        <translation>Das ZIP-Archiv %1 enthält keine Dateien.</translation>
    </message>
    <message>
        <source>%1 has no &quot;firmware-version&quot;; give the version with --version.</source>
        <translation>%1 enthält kein „firmware-version“; geben Sie die Version mit --version an.</translation>
    </message>
    <message>
        <source>%1 in %2 lists no files (&quot;files&quot; is missing or empty).</source>
        <translation>%1 in %2 führt keine Dateien auf („files“ fehlt oder ist leer).</translation>
    </message>
    <message>
        <source>%1, files[%2]: %3</source>
        <translation>%1, files[%2]: %3</translation>
    </message>
    <message>
        <source>no &quot;file&quot; is given.</source>
        <translation>kein „file“ angegeben.</translation>
    </message>
    <message>
        <source>the listed file &quot;%1&quot; is not in the archive.</source>
        <translation>die aufgeführte Datei „%1“ ist nicht im Archiv enthalten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is %2 bytes but the manifest lists %3.</source>
        <translation>„%1“ ist %2 Bytes groß, laut Manifest aber %3.</translation>
    </message>
</context>
<context>
    <name>otadesk::library::ZipArchive</name>
    <message>
        <source>the name is empty</source>
        <translation>der Name ist leer</translation>
    </message>
    <message>
        <source>the name contains a NUL character</source>
        <translation>der Name enthält ein NUL-Zeichen</translation>
    </message>
    <message>
        <source>the name contains a backslash</source>
        <translation>der Name enthält einen Backslash</translation>
    </message>
    <message>
        <source>the name is an absolute path</source>
        <translation>der Name ist ein absoluter Pfad</translation>
    </message>
    <message>
        <source>the name starts with a drive letter</source>
        <translation>der Name beginnt mit einem Laufwerksbuchstaben</translation>
    </message>
    <message>
        <source>the name climbs out of the archive with &quot;..&quot;</source>
        <translation>der Name verlässt das Archiv mit „..“</translation>
    </message>
    <message>
        <source>The archive is %1 bytes, more than the %2 bytes allowed.</source>
        <translation>Das Archiv ist %1 Bytes groß, mehr als die erlaubten %2 Bytes.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The archive %1 is %2 bytes, more than the %3 bytes allowed.</source>
        <translation>Das Archiv %1 ist %2 Bytes groß, mehr als die erlaubten %3 Bytes.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The file is too short (%1 bytes) to be a zip archive.</source>
        <translation>Die Datei ist zu kurz (%1 Bytes), um ein ZIP-Archiv zu sein.</translation>
    </message>
    <message>
        <source>No end-of-central-directory record: the zip archive is truncated or not a zip archive.</source>
        <translation>Kein End-of-Central-Directory-Datensatz: Das ZIP-Archiv ist abgeschnitten oder kein ZIP-Archiv.</translation>
    </message>
    <message>
        <source>The archive uses zip64 extensions, which are not supported. Repack it as a plain zip (members under 4 GiB).</source>
        <translation>Das Archiv verwendet zip64-Erweiterungen, die nicht unterstützt werden. Packen Sie es als einfaches ZIP-Archiv neu (Einträge unter 4 GiB).</translation>
    </message>
    <message>
        <source>The archive uses zip64 extensions, which are not supported.</source>
        <translation>Das Archiv verwendet zip64-Erweiterungen, die nicht unterstützt werden.</translation>
    </message>
    <message>
        <source>Multi-volume (split) zip archives are not supported.</source>
        <translation>Mehrteilige (gesplittete) ZIP-Archive werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>The archive has %1 members, more than the %2 allowed.</source>
        <translation>Das Archiv hat %1 Einträge, mehr als die erlaubten %2.</translation>
    </message>
    <message>
        <source>The central directory (offset %1, %2 bytes) runs past the end record at %3: the archive is truncated or damaged.</source>
        <translation>Das zentrale Verzeichnis (Offset %1, %2 Bytes) reicht über den Enddatensatz bei %3 hinaus: Das Archiv ist abgeschnitten oder beschädigt.</translation>
    </message>
    <message>
        <source>The members of the archive expand to more than %1 bytes; refusing to unpack it (zip bomb?).</source>
        <translation>Die Einträge des Archivs ergeben entpackt mehr als %1 Bytes; das Entpacken wird verweigert (ZIP-Bombe?).</translation>
    </message>
    <message>
        <source>The central directory holds %1 bytes more than its %2 records.</source>
        <translation>Das zentrale Verzeichnis enthält %1 Bytes mehr als seine %2 Datensätze.</translation>
    </message>
    <message>
        <source>Members &quot;%1&quot; and &quot;%2&quot; overlap in the archive.</source>
        <translation>Die Einträge „%1“ und „%2“ überlappen sich im Archiv.</translation>
    </message>
    <message>
        <source>Central directory record %1 at offset %2 is missing or damaged.</source>
        <translation>Der Datensatz %1 des zentralen Verzeichnisses bei Offset %2 fehlt oder ist beschädigt.</translation>
    </message>
    <message>
        <source>Central directory record %1 at offset %2 runs past the directory.</source>
        <translation>Der Datensatz %1 des zentralen Verzeichnisses bei Offset %2 reicht über das Verzeichnis hinaus.</translation>
    </message>
    <message>
        <source>Member &quot;%1&quot; (central record at offset %2): %3</source>
        <translation>Eintrag „%1“ (zentraler Datensatz bei Offset %2): %3</translation>
    </message>
    <message>
        <source>zip64 members are not supported.</source>
        <translation>zip64-Einträge werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>unsafe member name: %1.</source>
        <translation>unsicherer Eintragsname: %1.</translation>
    </message>
    <message>
        <source>the member is encrypted; decrypt the archive first.</source>
        <translation>der Eintrag ist verschlüsselt; entschlüsseln Sie zuerst das Archiv.</translation>
    </message>
    <message>
        <source>compression method %1 is not supported (only stored and deflate).</source>
        <translation>die Komprimierungsmethode %1 wird nicht unterstützt (nur stored und deflate).</translation>
    </message>
    <message>
        <source>a stored member with %1 compressed but %2 uncompressed bytes.</source>
        <translation>ein unkomprimiert gespeicherter Eintrag mit %1 komprimierten, aber %2 unkomprimierten Bytes.</translation>
    </message>
    <message>
        <source>it expands to %1 bytes, more than the %2 allowed.</source>
        <translation>er ergibt entpackt %1 Bytes, mehr als die erlaubten %2.</translation>
    </message>
    <message>
        <source>it expands %1 compressed bytes to %2 bytes, a ratio above %3:1 (zip bomb?).</source>
        <translation>er entpackt %1 komprimierte Bytes zu %2 Bytes, ein Verhältnis über %3:1 (ZIP-Bombe?).</translation>
    </message>
    <message>
        <source>Member &quot;%1&quot; (local header at offset %2): %3</source>
        <translation>Eintrag „%1“ (lokaler Header bei Offset %2): %3</translation>
    </message>
    <message>
        <source>the local header is missing or damaged.</source>
        <translation>der lokale Header fehlt oder ist beschädigt.</translation>
    </message>
    <message>
        <source>the local header says compression method %1, the central directory %2.</source>
        <translation>der lokale Header gibt die Komprimierungsmethode %1 an, das zentrale Verzeichnis %2.</translation>
    </message>
    <message>
        <source>the local header and the central directory disagree about encryption.</source>
        <translation>lokaler Header und zentrales Verzeichnis widersprechen sich bei der Verschlüsselung.</translation>
    </message>
    <message>
        <source>the local header names another file than the central directory.</source>
        <translation>der lokale Header nennt eine andere Datei als das zentrale Verzeichnis.</translation>
    </message>
    <message>
        <source>the local header&apos;s CRC or sizes differ from the central directory.</source>
        <translation>CRC oder Größen im lokalen Header weichen vom zentralen Verzeichnis ab.</translation>
    </message>
    <message>
        <source>its %1 bytes of data run past the start of the central directory (truncated archive?).</source>
        <translation>seine %1 Datenbytes reichen über den Anfang des zentralen Verzeichnisses hinaus (Archiv abgeschnitten?).</translation>
    </message>
    <message>
        <source>The archive has no member &quot;%1&quot;.</source>
        <translation>Das Archiv hat keinen Eintrag „%1“.</translation>
    </message>
    <message>
        <source>Member &quot;%1&quot; (data at offset %2): %3</source>
        <translation>Eintrag „%1“ (Daten bei Offset %2): %3</translation>
    </message>
    <message>
        <source>zlib could not be initialised.</source>
        <translation>zlib konnte nicht initialisiert werden.</translation>
    </message>
    <message>
        <source>it inflates to more than the %1 bytes it declares.</source>
        <translation>er entpackt zu mehr als den angegebenen %1 Bytes.</translation>
    </message>
    <message>
        <source>the deflate data is damaged (%1).</source>
        <translation>die Deflate-Daten sind beschädigt (%1).</translation>
    </message>
    <message>
        <source>the deflate data is damaged or truncated.</source>
        <translation>die Deflate-Daten sind beschädigt oder abgeschnitten.</translation>
    </message>
    <message>
        <source>it inflates to %1 bytes but declares %2.</source>
        <translation>er entpackt zu %1 Bytes, gibt aber %2 an.</translation>
    </message>
    <message>
        <source>CRC-32 mismatch: the data has %1, the archive says %2.</source>
        <translation>CRC-32 stimmt nicht überein: Die Daten haben %1, das Archiv gibt %2 an.</translation>
    </message>
</context>
<context>
    <name>otadesk::library::ZipWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ActivityLogDock</name>
    <message>
        <source>Activity log</source>
        <translation>Aktivitätsprotokoll</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>Alle Meldungen</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove all messages from the activity log</source>
        <translation>Alle Meldungen aus dem Aktivitätsprotokoll entfernen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected messages (or all shown) to the clipboard</source>
        <translation>Die ausgewählten Meldungen (oder alle angezeigten) in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ActivityLogModel</name>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ComingPage</name>
    <message>
        <source>%1 is coming</source>
        <translation>%1 – demnächst verfügbar</translation>
    </message>
    <message>
        <source>On the command line: &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>Auf der Befehlszeile: &lt;code&gt;%1&lt;/code&gt;</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::EntryDetails</name>
    <message>
        <source>Product / version:</source>
        <translation>Produkt / Version:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Address range:</source>
        <translation>Adressbereich:</translation>
    </message>
    <message>
        <source>Entry point:</source>
        <translation>Einsprungadresse:</translation>
    </message>
    <message>
        <source>File SHA-256:</source>
        <translation>SHA-256 der Datei:</translation>
    </message>
    <message>
        <source>Image SHA-256:</source>
        <translation>SHA-256 des Images:</translation>
    </message>
    <message>
        <source>Image CRC-32:</source>
        <translation>CRC-32 des Images:</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>No entry selected</source>
        <translation>Kein Eintrag ausgewählt</translation>
    </message>
    <message>
        <source>Library id %1</source>
        <translation>Bibliotheks-ID %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 file, %2 of data in %n segment(s)</source>
        <translation>
            <numerusform>Datei %1, Daten %2 in %n Segment</numerusform>
            <numerusform>Datei %1, Daten %2 in %n Segmenten</numerusform>
        </translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segmente</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message>
        <source>Written twice</source>
        <translation>Doppelt geschrieben</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Bundle:</source>
        <translation>Bundle:</translation>
    </message>
    <message>
        <source>MCUboot version:</source>
        <translation>MCUboot-Version:</translation>
    </message>
    <message>
        <source>Image hash:</source>
        <translation>Image-Hash:</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>Signatur:</translation>
    </message>
    <message>
        <source>Key hash:</source>
        <translation>Schlüssel-Hash:</translation>
    </message>
    <message>
        <source>Security counter:</source>
        <translation>Sicherheitszähler:</translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation>nicht signiert</translation>
    </message>
    <message numerus="yes">
        <source>%1 — component %2 of %n item(s)</source>
        <translation>
            <numerusform>%1 — Komponente %2 von %n Element</numerusform>
            <numerusform>%1 — Komponente %2 von %n Elementen</numerusform>
        </translation>
    </message>
    <message>
        <source>with %1</source>
        <translation>mit %1</translation>
    </message>
    <message>
        <source>Bundle %1 (%2), library bundle id %3</source>
        <translation>Bundle %1 (%2), Bibliotheks-Bundle-ID %3</translation>
    </message>
    <message>
        <source>The MCUboot image hash does not match its content (MISMATCH).</source>
        <translation>Der MCUboot-Image-Hash stimmt nicht mit dem Inhalt überein (MISMATCH).</translation>
    </message>
    <message numerus="yes">
        <source>%n range(s) written more than once (marked orange in the memory map).</source>
        <translation>
            <numerusform>%n Bereich mehrfach geschrieben (in der Speicherbelegung orange markiert).</numerusform>
            <numerusform>%n Bereiche mehrfach geschrieben (in der Speicherbelegung orange markiert).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) at import — see Warnings below.</source>
        <translation>
            <numerusform>%n Warnung beim Import — siehe „Warnungen“ unten.</numerusform>
            <numerusform>%n Warnungen beim Import — siehe „Warnungen“ unten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::EntryPreview</name>
    <message>
        <source>Select a firmware entry to see its bytes</source>
        <translation>Wählen Sie einen Firmware-Eintrag aus, um seine Bytes anzuzeigen</translation>
    </message>
    <message>
        <source>%1 is auxiliary content, stored as-is; it has no memory layout.</source>
        <translation>%1 ist ein Zusatzinhalt und wird unverändert gespeichert; er hat kein Speicherlayout.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Cannot show the bytes: %1</source>
        <translation>Die Bytes können nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Es ist kein Arbeitsbereich geöffnet.</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ExportDialog</name>
    <message>
        <source>Only this address range:</source>
        <translation>Nur dieser Adressbereich:</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Value written into gaps of a raw binary</source>
        <translation>Wert, mit dem Lücken in einer Binärdatei gefüllt werden</translation>
    </message>
    <message>
        <source>First address after the range (exclusive)</source>
        <translation>Erste Adresse nach dem Bereich (exklusiv)</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Bytes per record:</source>
        <translation>&amp;Bytes pro Datensatz:</translation>
    </message>
    <message>
        <source>Fill &amp;byte:</source>
        <translation>&amp;Füllbyte:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>No format can write files in this version.</source>
        <translation>In dieser Version kann kein Format Dateien schreiben.</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>Wählen Sie die Zieldatei.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Write the range as addresses, e.g. 0x08000000 and 0x08010000.</source>
        <translation>Geben Sie den Bereich als Adressen an, z. B. 0x08000000 und 0x08010000.</translation>
    </message>
    <message>
        <source>The end of the range must lie after its start.</source>
        <translation>Das Ende des Bereichs muss nach seinem Anfang liegen.</translation>
    </message>
    <message>
        <source>Same as: %1</source>
        <translation>Entspricht: %1</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::FirmwarePage</name>
    <message>
        <source>Filter by name, product, version, component or format…</source>
        <translation>Nach Name, Produkt, Version, Komponente oder Format filtern…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Delete from Library</source>
        <translation>Aus Bibliothek &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Reload Library</source>
        <translation>Bibliothek neu &amp;laden</translation>
    </message>
    <message>
        <source>%1 — otactl: %2</source>
        <translation>%1 — otactl: %2</translation>
    </message>
    <message>
        <source>%1
Command line: %2</source>
        <translation>%1
Befehlszeile: %2</translation>
    </message>
    <message>
        <source>Import firmware files or packages into the library</source>
        <translation>Firmware-Dateien oder -Pakete in die Bibliothek importieren</translation>
    </message>
    <message>
        <source>Write the selected entry as Intel HEX, S-record, binary or ELF</source>
        <translation>Den ausgewählten Eintrag als Intel HEX, S-Record, Binärdatei oder ELF schreiben</translation>
    </message>
    <message>
        <source>Remove the selected entries from the library</source>
        <translation>Die ausgewählten Einträge aus der Bibliothek entfernen</translation>
    </message>
    <message>
        <source>Read the library again from the workspace</source>
        <translation>Die Bibliothek erneut aus dem Arbeitsbereich lesen</translation>
    </message>
    <message>
        <source>The workspace cannot change while an import runs.</source>
        <translation>Der Arbeitsbereich kann nicht gewechselt werden, während ein Import läuft.</translation>
    </message>
    <message>
        <source>Cannot open the library in %1: %2</source>
        <translation>Die Bibliothek in %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>&lt;h3&gt;The library cannot be opened&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Choose another workspace in File › Settings….&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Die Bibliothek kann nicht geöffnet werden&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Wählen Sie unter Datei › Einstellungen… einen anderen Arbeitsbereich.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot list the library: %1</source>
        <translation>Die Bibliothek kann nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Import firmware</source>
        <translation>Firmware importieren</translation>
    </message>
    <message>
        <source>;;Zip packages (*.zip);;All files (*)</source>
        <translation>;;ZIP-Pakete (*.zip);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s): %1</source>
        <translation>
            <numerusform>%n Datei wird importiert: %1</numerusform>
            <numerusform>%n Dateien werden importiert: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 wurde nicht importiert: %2</translation>
    </message>
    <message>
        <source>%1 is already in the library</source>
        <translation>%1 ist bereits in der Bibliothek</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 (%n entries)</source>
        <translation>
            <numerusform>%1 importiert (%n Eintrag)</numerusform>
            <numerusform>%1 importiert (%n Einträge)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>%n Datei wird importiert…</numerusform>
            <numerusform>%n Dateien werden importiert…</numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled; the file being read was not added.</source>
        <translation>Import abgebrochen; die gerade gelesene Datei wurde nicht hinzugefügt.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <source>Exporting %1: %2</source>
        <translation>%1 wird exportiert: %2</translation>
    </message>
    <message>
        <source>The range %1 holds no data of %2.</source>
        <translation>Der Bereich %1 enthält keine Daten von %2.</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>%1 wird exportiert…</translation>
    </message>
    <message>
        <source>Delete %1 from the library? The stored file is removed unless another entry uses it.</source>
        <translation>%1 aus der Bibliothek löschen? Die gespeicherte Datei wird entfernt, sofern kein anderer Eintrag sie verwendet.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n entries from the library?</source>
        <translation>
            <numerusform>%n Eintrag aus der Bibliothek löschen?</numerusform>
            <numerusform>%n Einträge aus der Bibliothek löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete from library</source>
        <translation>Aus Bibliothek löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Deleted %1 (%2)</source>
        <translation>%1 gelöscht (%2)</translation>
    </message>
    <message>
        <source>Cannot delete %1: %2</source>
        <translation>%1 kann nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Show every entry, only entries that belong to a bundle, or the items of one bundle</source>
        <translation>Alle Einträge, nur Einträge aus Bundles oder die Elemente eines Bundles anzeigen</translation>
    </message>
    <message>
        <source>&amp;Find in Library</source>
        <translation>In Bibliothek &amp;suchen</translation>
    </message>
    <message>
        <source>Filter the library by name, product, version, component, bundle or format</source>
        <translation>Die Bibliothek nach Name, Produkt, Version, Komponente, Bundle oder Format filtern</translation>
    </message>
    <message>
        <source>&amp;Go to Address…</source>
        <translation>&amp;Gehe zu Adresse…</translation>
    </message>
    <message>
        <source>Show the bytes at an address in the hex view</source>
        <translation>Die Bytes an einer Adresse in der Hex-Ansicht anzeigen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;The firmware library is empty&lt;/h3&gt;&lt;p&gt;Drop firmware files here or use &lt;b&gt;File &amp;gt; Import…&lt;/b&gt; (Ctrl+O).&lt;/p&gt;&lt;p&gt;Intel HEX, S-record, ELF, raw binary, MCUboot images and vendor .zip packages are understood.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Die Firmware-Bibliothek ist leer&lt;/h3&gt;&lt;p&gt;Legen Sie Firmware-Dateien hier ab oder verwenden Sie &lt;b&gt;Datei &amp;gt; Importieren…&lt;/b&gt; (Strg+O).&lt;/p&gt;&lt;p&gt;Unterstützt werden Intel HEX, S-Record, ELF, Binärdateien, MCUboot-Images und .zip-Pakete von Herstellern.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No entry matches the filter&lt;/h3&gt;&lt;p&gt;Clear the filter field or choose “All entries”.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kein Eintrag passt zum Filter&lt;/h3&gt;&lt;p&gt;Leeren Sie das Filterfeld oder wählen Sie „Alle Einträge“.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot list the bundles: %1</source>
        <translation>Die Bundles können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>All entries</source>
        <translation>Alle Einträge</translation>
    </message>
    <message numerus="yes">
        <source>In bundles (%n)</source>
        <translation>
            <numerusform>In Bundles (%n)</numerusform>
            <numerusform>In Bundles (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bundle: %1 (%n item(s))</source>
        <translation>
            <numerusform>Bundle: %1 (%n Element)</numerusform>
            <numerusform>Bundle: %1 (%n Elemente)</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to Address</source>
        <translation>Gehe zu Adresse</translation>
    </message>
    <message>
        <source>%1 holds no data in %2.</source>
        <translation>An %1 liegen keine Daten in %2.</translation>
    </message>
    <message>
        <source>this entry</source>
        <translation>diesem Eintrag</translation>
    </message>
    <message>
        <source>Compared with %1 %2 in the memory map</source>
        <translation>In der Speicherbelegung verglichen mit %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n more selected; the memory map compares the first two</source>
        <translation>
            <numerusform>%n weiterer ausgewählt; die Speicherbelegung vergleicht die ersten beiden</numerusform>
            <numerusform>%n weitere ausgewählt; die Speicherbelegung vergleicht die ersten beiden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>otadesk::ui::FirmwareTableModel</name>
    <message>
        <source>auxiliary</source>
        <translation>Zusatzinhalt</translation>
    </message>
    <message>
        <source>%1 (MCUboot)</source>
        <translation>%1 (MCUboot)</translation>
    </message>
    <message>
        <source>%1 (library id %2)</source>
        <translation>%1 (Bibliotheks-ID %2)</translation>
    </message>
    <message>
        <source>%1 bytes in the file, %2 bytes of data</source>
        <translation>%1 Bytes in der Datei, %2 Bytes Daten</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s), %1</source>
        <translation>
            <numerusform>%n Segment, %1</numerusform>
            <numerusform>%n Segmente, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Address range</source>
        <translation>Adressbereich</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Bundle %1 (library bundle id %2), component %3</source>
        <translation>Bundle %1 (Bibliotheks-Bundle-ID %2), Komponente %3</translation>
    </message>
    <message>
        <source>bundle %1</source>
        <translation>Bundle %1</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>Bundle</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::GoToAddress</name>
    <message>
        <source>Go to Address</source>
        <translation>Gehe zu Adresse</translation>
    </message>
    <message>
        <source>Address (0x… for hex, otherwise decimal):</source>
        <translation>Adresse (0x… für hexadezimal, sonst dezimal):</translation>
    </message>
    <message>
        <source>“%1” is not an address. Use 0x08001000 (hex) or 134221824 (decimal).</source>
        <translation>„%1“ ist keine Adresse. Verwenden Sie 0x08001000 (hexadezimal) oder 134221824 (dezimal).</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::HexView</name>
    <message>
        <source>Select a firmware entry to see its bytes</source>
        <translation>Wählen Sie einen Firmware-Eintrag aus, um seine Bytes anzuzeigen</translation>
    </message>
    <message>
        <source>This entry holds no bytes</source>
        <translation>Dieser Eintrag enthält keine Bytes</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>Lücke</translation>
    </message>
    <message>
        <source>gap %1 (%2)</source>
        <translation>Lücke %1 (%2)</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ImportDialog</name>
    <message>
        <source>Import firmware</source>
        <translation>Firmware importieren</translation>
    </message>
    <message>
        <source>from the package metadata, if any</source>
        <translation>aus den Paket-Metadaten, falls vorhanden</translation>
    </message>
    <message>
        <source>from the package or MCUboot header, if any</source>
        <translation>aus dem Paket oder MCUboot-Header, falls vorhanden</translation>
    </message>
    <message>
        <source>derived from the file name</source>
        <translation>aus dem Dateinamen abgeleitet</translation>
    </message>
    <message>
        <source>Detect from content</source>
        <translation>Anhand des Inhalts erkennen</translation>
    </message>
    <message>
        <source>Where the first byte of a raw binary goes, e.g. 0x08000000. Other formats carry their own addresses.</source>
        <translation>Zieladresse des ersten Bytes einer Binärdatei, z. B. 0x08000000. Andere Formate bringen ihre eigenen Adressen mit.</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>&amp;Produkt:</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;Component:</source>
        <translation>&amp;Komponente:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Base address:</source>
        <translation>&amp;Basisadresse:</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) to import:</source>
        <translation>
            <numerusform>%n Datei zum Importieren:</numerusform>
            <numerusform>%n Dateien zum Importieren:</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Same as: %1</source>
        <translation>Entspricht: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ImportJob</name>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ImportSummaryText</name>
    <message numerus="yes">
        <source>%n file(s) imported.</source>
        <translation>
            <numerusform>%n Datei importiert.</numerusform>
            <numerusform>%n Dateien importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were already in the library.</source>
        <translation>
            <numerusform>%n Datei war bereits in der Bibliothek.</numerusform>
            <numerusform>%n Dateien waren bereits in der Bibliothek.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be imported; nothing was changed for them:</source>
        <translation>
            <numerusform>%n Datei konnte nicht importiert werden; für sie wurde nichts geändert:</numerusform>
            <numerusform>%n Dateien konnten nicht importiert werden; für sie wurde nichts geändert:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see Show Details…)</source>
        <translation>
            <numerusform>… und %n weitere (siehe „Details einblenden…“)</numerusform>
            <numerusform>… und %n weitere (siehe „Details einblenden…“)</numerusform>
        </translation>
    </message>
    <message>
        <source>• %1 — %2</source>
        <translation>• %1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) — shown in the details of the entries and in the activity log.</source>
        <translation>
            <numerusform>%n Warnung — zu sehen in den Details der Einträge und im Aktivitätsprotokoll.</numerusform>
            <numerusform>%n Warnungen — zu sehen in den Details der Einträge und im Aktivitätsprotokoll.</numerusform>
        </translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation>Der Import wurde abgebrochen.</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation>✗ %1: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::MainWindow</name>
    <message>
        <source>OTA Desk</source>
        <translation>OTA Desk</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Manifests</source>
        <translation>Manifeste</translation>
    </message>
    <message>
        <source>Author SUIT manifests for firmware in the library, sign them with a key that never leaves this computer, and verify envelopes you received.</source>
        <translation>SUIT-Manifeste für Firmware aus der Bibliothek erstellen, mit einem Schlüssel signieren, der diesen Computer nie verlässt, und empfangene Envelopes prüfen.</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Browse the fleet by model, batch, version or tags with one filter expression, and see each device&apos;s installed components and update history.</source>
        <translation>Die Flotte mit einem einzigen Filterausdruck nach Modell, Charge, Version oder Tags durchsuchen und für jedes Gerät die installierten Komponenten und den Update-Verlauf ansehen.</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Plan staged rollouts — canary first, then waves in maintenance windows — approve them and watch their progress, pausing or aborting on failures.</source>
        <translation>Gestaffelte Rollouts planen — zuerst Canary, dann Wellen in Wartungsfenstern —, freigeben und ihren Fortschritt verfolgen, bei Fehlern pausieren oder abbrechen.</translation>
    </message>
    <message>
        <source>Bench</source>
        <translation>Werkbank</translation>
    </message>
    <message>
        <source>Update devices on the bench over USB serial or LAN with MCUmgr/SMP, without any server.</source>
        <translation>Geräte auf der Werkbank über USB-Seriell oder LAN mit MCUmgr/SMP aktualisieren, ganz ohne Server.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Start the bundled local server or connect to a remote one, and publish signed manifests to it.</source>
        <translation>Den mitgelieferten lokalen Server starten oder eine Verbindung zu einem entfernten Server herstellen und signierte Manifeste darauf veröffentlichen.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Workspace folder, language, export defaults and logging</source>
        <translation>Arbeitsbereichsordner, Sprache, Export-Voreinstellungen und Protokollierung</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected entries, bytes or log messages</source>
        <translation>Die ausgewählten Einträge, Bytes oder Protokollmeldungen kopieren</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Show or hide the activity log</source>
        <translation>Aktivitätsprotokoll ein- oder ausblenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About OTA Desk</source>
        <translation>Ü&amp;ber OTA Desk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Opened workspace %1</source>
        <translation>Arbeitsbereich %1 geöffnet</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>Same workspace on the command line: otactl --workspace %1</source>
        <translation>Derselbe Arbeitsbereich auf der Befehlszeile: otactl --workspace %1</translation>
    </message>
    <message>
        <source>About OTA Desk</source>
        <translation>Über OTA Desk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;OTA Desk %1&lt;/h3&gt;&lt;p&gt;Firmware update management for IoT device fleets: import and inspect firmware, author and sign SUIT manifests, roll out updates in stages.&lt;/p&gt;&lt;p&gt;The command-line tool &lt;code&gt;otactl&lt;/code&gt; does everything this window does.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;OTA Desk %1&lt;/h3&gt;&lt;p&gt;Verwaltung von Firmware-Updates für IoT-Geräteflotten: Firmware importieren und untersuchen, SUIT-Manifeste erstellen und signieren, Updates gestaffelt ausrollen.&lt;/p&gt;&lt;p&gt;Das Befehlszeilenwerkzeug &lt;code&gt;otactl&lt;/code&gt; kann alles, was dieses Fenster kann.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit OTA Desk</source>
        <translation>OTA Desk beenden</translation>
    </message>
    <message>
        <source>An import or export is still running. Cancel it and quit?</source>
        <translation>Ein Import oder Export läuft noch. Abbrechen und beenden?</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::MemoryMapWidget</name>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Bytes)</translation>
    </message>
    <message>
        <source>Select a firmware entry to see its memory map (two to compare)</source>
        <translation>Wählen Sie einen Firmware-Eintrag aus, um seine Speicherbelegung anzuzeigen (zwei zum Vergleichen)</translation>
    </message>
    <message>
        <source>Both entries occupy %1 — %2</source>
        <translation>Beide Einträge belegen %1 — %2</translation>
    </message>
    <message>
        <source>Written more than once: %1 — %2</source>
        <translation>Mehrfach geschrieben: %1 — %2</translation>
    </message>
    <message>
        <source>Segment %1 of %2: %3 — %4</source>
        <translation>Segment %1 von %2: %3 — %4</translation>
    </message>
    <message>
        <source>Gap: %1 — %2</source>
        <translation>Lücke: %1 — %2</translation>
    </message>
    <message>
        <source>Address %1</source>
        <translation>Adresse %1</translation>
    </message>
    <message>
        <source>no overlap</source>
        <translation>keine Überlappung</translation>
    </message>
    <message>
        <source>overlap</source>
        <translation>Überlappung</translation>
    </message>
    <message>
        <source>no shared addresses</source>
        <translation>keine gemeinsamen Adressen</translation>
    </message>
    <message numerus="yes">
        <source>both: %1 in %n range(s)</source>
        <translation>
            <numerusform>beide: %1 in %n Bereich</numerusform>
            <numerusform>beide: %1 in %n Bereichen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>written twice: %n range(s)</source>
        <translation>
            <numerusform>doppelt geschrieben: %n Bereich</numerusform>
            <numerusform>doppelt geschrieben: %n Bereiche</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>otadesk::ui::MetadataLabels</name>
    <message>
        <source>MCUboot image</source>
        <translation>MCUboot-Image</translation>
    </message>
    <message>
        <source>ELF file</source>
        <translation>ELF-Datei</translation>
    </message>
    <message>
        <source>Magic</source>
        <translation>Magic-Nummer</translation>
    </message>
    <message>
        <source>Legacy TLV format</source>
        <translation>Altes TLV-Format</translation>
    </message>
    <message>
        <source>Base address</source>
        <translation>Basisadresse</translation>
    </message>
    <message>
        <source>Buffer size</source>
        <translation>Puffergröße</translation>
    </message>
    <message>
        <source>Load address</source>
        <translation>Ladeadresse</translation>
    </message>
    <message>
        <source>Header size</source>
        <translation>Headergröße</translation>
    </message>
    <message>
        <source>Protected TLV size</source>
        <translation>Größe der geschützten TLVs</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>Imagegröße</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Flag names</source>
        <translation>Flag-Namen</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Protected TLV offset</source>
        <translation>Offset der geschützten TLVs</translation>
    </message>
    <message>
        <source>Protected TLV total</source>
        <translation>Gesamtgröße der geschützten TLVs</translation>
    </message>
    <message>
        <source>TLV info offset</source>
        <translation>Offset der TLV-Info</translation>
    </message>
    <message>
        <source>TLV total</source>
        <translation>TLV-Gesamtgröße</translation>
    </message>
    <message>
        <source>End of TLVs</source>
        <translation>Ende der TLVs</translation>
    </message>
    <message>
        <source>TLVs</source>
        <translation>TLVs</translation>
    </message>
    <message>
        <source>Hash algorithm</source>
        <translation>Hash-Algorithmus</translation>
    </message>
    <message>
        <source>Stored hash</source>
        <translation>Gespeicherter Hash</translation>
    </message>
    <message>
        <source>Computed hash</source>
        <translation>Berechneter Hash</translation>
    </message>
    <message>
        <source>Hash check</source>
        <translation>Hash-Prüfung</translation>
    </message>
    <message>
        <source>Signed digest</source>
        <translation>Signierter Digest</translation>
    </message>
    <message>
        <source>Signature type</source>
        <translation>Signaturtyp</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>Key hash</source>
        <translation>Schlüssel-Hash</translation>
    </message>
    <message>
        <source>Security counter</source>
        <translation>Sicherheitszähler</translation>
    </message>
    <message>
        <source>Dependencies</source>
        <translation>Abhängigkeiten</translation>
    </message>
    <message>
        <source>Image id</source>
        <translation>Image-ID</translation>
    </message>
    <message>
        <source>Trailer present</source>
        <translation>Trailer vorhanden</translation>
    </message>
    <message>
        <source>Padding bytes</source>
        <translation>Padding-Bytes</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Offset</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Byte order</source>
        <translation>Byte-Reihenfolge</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Maschine</translation>
    </message>
    <message>
        <source>Machine number</source>
        <translation>Maschinennummer</translation>
    </message>
    <message>
        <source>Type number</source>
        <translation>Typnummer</translation>
    </message>
    <message>
        <source>OS ABI</source>
        <translation>OS-ABI</translation>
    </message>
    <message>
        <source>Entry point</source>
        <translation>Einsprungadresse</translation>
    </message>
    <message>
        <source>Program headers</source>
        <translation>Programm-Header</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sektionen</translation>
    </message>
    <message>
        <source>Symbol table</source>
        <translation>Symboltabelle</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Symbols in the file</source>
        <translation>Symbole in der Datei</translation>
    </message>
    <message>
        <source>Symbols truncated</source>
        <translation>Symbole gekürzt</translation>
    </message>
    <message>
        <source>BSS bytes</source>
        <translation>BSS-Bytes</translation>
    </message>
    <message>
        <source>Bytes outside sections</source>
        <translation>Bytes außerhalb von Sektionen</translation>
    </message>
    <message>
        <source>Uses virtual addresses</source>
        <translation>Verwendet virtuelle Adressen</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Virtual address</source>
        <translation>Virtuelle Adresse</translation>
    </message>
    <message>
        <source>Physical address</source>
        <translation>Physische Adresse</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Dateigröße</translation>
    </message>
    <message>
        <source>Memory size</source>
        <translation>Speichergröße</translation>
    </message>
    <message>
        <source>Alignment</source>
        <translation>Ausrichtung</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Flag bits</source>
        <translation>Flag-Bits</translation>
    </message>
    <message>
        <source>Binding</source>
        <translation>Bindung</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Sektion</translation>
    </message>
    <message>
        <source>S0 header text</source>
        <translation>S0-Kopfzeilentext</translation>
    </message>
    <message>
        <source>S0 header bytes</source>
        <translation>S0-Kopfzeilenbytes</translation>
    </message>
    <message>
        <source>Start segment address (CS:IP)</source>
        <translation>Startsegmentadresse (CS:IP)</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::MetadataTree</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… %n weiteres</numerusform>
            <numerusform>… %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>The rest is in the stored file; export it or use otactl firmware show.</source>
        <translation>Der Rest steht in der gespeicherten Datei; exportieren Sie sie oder verwenden Sie otactl firmware show.</translation>
    </message>
    <message>
        <source>%1 of %2 stored</source>
        <translation>%1 von %2 gespeichert</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::Navigation</name>
    <message>
        <source>Show the %1 page</source>
        <translation>Seite „%1“ anzeigen</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Folder holding the firmware library (library.sqlite and blobs/)</source>
        <translation>Ordner mit der Firmware-Bibliothek (library.sqlite und blobs/)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Value of erased flash; fills gaps when an image is flattened or exported as binary</source>
        <translation>Wert von gelöschtem Flash; füllt Lücken, wenn ein Image in ein flaches Abbild umgewandelt oder als Binärdatei exportiert wird</translation>
    </message>
    <message>
        <source>Data bytes per record when writing Intel HEX or S-record files</source>
        <translation>Datenbytes pro Datensatz beim Schreiben von Intel-HEX- oder S-Record-Dateien</translation>
    </message>
    <message>
        <source>Reject files whose records overwrite each other with different bytes</source>
        <translation>Dateien ablehnen, deren Datensätze sich gegenseitig mit unterschiedlichen Bytes überschreiben</translation>
    </message>
    <message>
        <source>Developer logging rules, separated by semicolons (same as --log-rules)</source>
        <translation>Protokollierungsregeln für Entwickler, durch Semikolons getrennt (wie --log-rules)</translation>
    </message>
    <message>
        <source>&amp;Workspace folder:</source>
        <translation>&amp;Arbeitsbereichsordner:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>&amp;Erased byte value:</source>
        <translation>Wert &amp;gelöschter Bytes:</translation>
    </message>
    <message>
        <source>&amp;Bytes per record:</source>
        <translation>&amp;Bytes pro Datensatz:</translation>
    </message>
    <message>
        <source>Overlaps:</source>
        <translation>Überlappungen:</translation>
    </message>
    <message>
        <source>Log &amp;rules:</source>
        <translation>Protokoll&amp;regeln:</translation>
    </message>
    <message>
        <source>A new language applies after a restart.</source>
        <translation>Eine neue Sprache wird nach einem Neustart wirksam.</translation>
    </message>
    <message>
        <source>The log rule “%1” is not of the form category.level=true|false, e.g. otadesk.firmware.debug=true.</source>
        <translation>Die Protokollregel „%1“ hat nicht die Form Kategorie.Stufe=true|false, z. B. otadesk.firmware.debug=true.</translation>
    </message>
    <message>
        <source>Choose a workspace folder.</source>
        <translation>Wählen Sie einen Arbeitsbereichsordner.</translation>
    </message>
    <message>
        <source>The workspace folder must be an absolute path.</source>
        <translation>Der Arbeitsbereichsordner muss ein absoluter Pfad sein.</translation>
    </message>
    <message>
        <source>The workspace path %1 is a file, not a folder.</source>
        <translation>Der Arbeitsbereichspfad %1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation>Arbeitsbereichsordner wählen</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the running operation; nothing partial is kept</source>
        <translation>Den laufenden Vorgang abbrechen; Teilergebnisse werden verworfen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
</TS>
