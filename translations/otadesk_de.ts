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
    <message>
        <source>Show the page ID after start-up: firmware, keys, manifests, devices, campaigns, bench or server.</source>
        <translation>Nach dem Start die Seite ID anzeigen: firmware, keys, manifests, devices, campaigns, bench oder server.</translation>
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
    <name>otadesk::agent::Agent</name>
    <message>
        <source>Check-in failed: %1</source>
        <translation>Check-in fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Power was lost during the update; resumed from the verified data.</source>
        <translation>Während des Updates fiel die Stromversorgung aus; fortgesetzt ab den verifizierten Daten.</translation>
    </message>
    <message>
        <source>The patch for &quot;%1&quot; applies to %2; the device runs %3.</source>
        <translation>Der Patch für „%1“ gilt für %2; auf dem Gerät läuft %3.</translation>
    </message>
    <message>
        <source>The patch header of &quot;%1&quot; does not match the resolution (chunk root, base or target digest).</source>
        <translation>Der Patch-Header von „%1“ passt nicht zur Auflösung (Block-Wurzel, Basis- oder Ziel-Digest).</translation>
    </message>
    <message>
        <source>Chunk %1 of &quot;%2&quot; failed its digest check %3 times.</source>
        <translation>Block %1 von „%2“ hat die Digest-Prüfung %3-mal nicht bestanden.</translation>
    </message>
    <message>
        <source>The device has no usable trust anchor to verify the manifest with.</source>
        <translation>Das Gerät hat keinen verwendbaren Vertrauensanker, um das Manifest zu prüfen.</translation>
    </message>
    <message>
        <source>The manifest has no sequence number.</source>
        <translation>Das Manifest hat keine Sequenznummer.</translation>
    </message>
    <message>
        <source>Sequence number %1 is not above %2, the one last installed.</source>
        <translation>Sequenznummer %1 ist nicht größer als %2, die zuletzt installierte.</translation>
    </message>
    <message>
        <source>The manifest names no component.</source>
        <translation>Das Manifest nennt keine Komponente.</translation>
    </message>
    <message>
        <source>The manifest is for vendor %1 / class %2; this device is %3 / %4.</source>
        <translation>Das Manifest ist für Hersteller %1 / Klasse %2; dieses Gerät ist %3 / %4.</translation>
    </message>
    <message>
        <source>The manifest installs component &quot;%1&quot;, which this device does not have.</source>
        <translation>Das Manifest installiert die Komponente „%1“, die dieses Gerät nicht hat.</translation>
    </message>
    <message>
        <source>The manifest signs no SHA-256 image digest for component &quot;%1&quot;.</source>
        <translation>Das Manifest signiert keinen SHA-256-Image-Digest für die Komponente „%1“.</translation>
    </message>
    <message>
        <source>The manifest&apos;s resource-request URI %1 cannot be reached.</source>
        <translation>Die URI für Ressourcenanfragen %1 des Manifests ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>Unknown resolution result &quot;%1&quot;.</source>
        <translation>Unbekanntes Auflösungsergebnis „%1“.</translation>
    </message>
    <message>
        <source>The resolution names component %1 &quot;%2&quot;, which the manifest does not.</source>
        <translation>Die Auflösung nennt Komponente %1 „%2“, das Manifest jedoch nicht.</translation>
    </message>
    <message>
        <source>Unknown action &quot;%1&quot;.</source>
        <translation>Unbekannte Aktion „%1“.</translation>
    </message>
    <message>
        <source>The server offers image %1 for &quot;%2&quot;; the manifest signed %3.</source>
        <translation>Der Server bietet Image %1 für „%2“ an; das Manifest hat %3 signiert.</translation>
    </message>
    <message>
        <source>The resolution of &quot;%1&quot; has no usable size, chunk size or chunk list.</source>
        <translation>Die Auflösung von „%1“ hat keine verwendbare Größe, Blockgröße oder Blockliste.</translation>
    </message>
    <message>
        <source>The chunk list of &quot;%1&quot; does not hash to its chunk root.</source>
        <translation>Der Hash der Blockliste von „%1“ ergibt nicht ihre Block-Wurzel.</translation>
    </message>
    <message>
        <source>Status report &quot;%1&quot; not delivered: %2</source>
        <translation>Statusbericht „%1“ nicht zugestellt: %2</translation>
    </message>
    <message>
        <source>Status report &quot;%1&quot; refused: %2</source>
        <translation>Statusbericht „%1“ abgelehnt: %2</translation>
    </message>
    <message>
        <source>The new image of %1 did not boot; the device runs its previous image again.</source>
        <translation>Das neue Image von %1 hat nicht gebootet; auf dem Gerät läuft wieder sein vorheriges Image.</translation>
    </message>
    <message>
        <source>No new image was booted.</source>
        <translation>Es wurde kein neues Image gebootet.</translation>
    </message>
</context>
<context>
    <name>otadesk::agent::AgentState</name>
    <message>
        <source>The agent state has no serial number; it is damaged.</source>
        <translation>Der Agent-Zustand hat keine Seriennummer; er ist beschädigt.</translation>
    </message>
</context>
<context>
    <name>otadesk::agent::ContentStore</name>
    <message>
        <source>Cannot create the image store %1; check the permissions of the state folder.</source>
        <translation>Der Image-Speicher %1 kann nicht angelegt werden; prüfen Sie die Berechtigungen des Statusordners.</translation>
    </message>
    <message>
        <source>Cannot move %1 into the image store %2.</source>
        <translation>%1 kann nicht in den Image-Speicher %2 verschoben werden.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::agent::DeviceFiles</name>
    <message>
        <source>Cannot %1 %2: %3. Check that the state folder is writable and the disk is not full.</source>
        <translation>Fehler beim %1 von %2: %3. Prüfen Sie, ob der Statusordner beschreibbar und der Datenträger nicht voll ist.</translation>
    </message>
    <message>
        <source>The simulated device lost power.</source>
        <translation>Das simulierte Gerät hat die Stromversorgung verloren.</translation>
    </message>
    <message>
        <source>create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>truncate</source>
        <translation>Kürzen</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot seek to %1 in %2</source>
        <translation>Positionieren auf %1 in %2 nicht möglich</translation>
    </message>
</context>
<context>
    <name>otadesk::agent::FleetSimulator</name>
    <message>
        <source>The profile has no trust_anchor: give the public key (PEM file) that signs the manifests the devices must accept.</source>
        <translation>Das Profil hat keinen trust_anchor: Geben Sie den öffentlichen Schlüssel (PEM-Datei) an, der die Manifeste signiert, die die Geräte akzeptieren müssen.</translation>
    </message>
    <message>
        <source>The profile&apos;s trust_anchor is not a PEM public key.</source>
        <translation>Der trust_anchor des Profils ist kein öffentlicher PEM-Schlüssel.</translation>
    </message>
    <message>
        <source>The simulator needs an http:// server URL (TLS is not simulated): %1</source>
        <translation>Der Simulator benötigt eine http://-Server-URL (TLS wird nicht simuliert): %1</translation>
    </message>
    <message>
        <source>Cannot create the state folder %1.</source>
        <translation>Der Statusordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Device %1: %2</source>
        <translation>Gerät %1: %2</translation>
    </message>
    <message>
        <source>Registering devices %1..%2 through POST /api/v1/devices/import failed: %3</source>
        <translation>Das Registrieren der Geräte %1..%2 über POST /api/v1/devices/import ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>Device %1 exists on the server but no new token could be issued: %2</source>
        <translation>Gerät %1 existiert auf dem Server, aber es konnte kein neues Token ausgestellt werden: %2</translation>
    </message>
    <message>
        <source>sim %1 s: %2 devices, %3 check-ins/s | %4 | %5</source>
        <translation>sim %1 s: %2 Geräte, %3 Check-ins/s | %4 | %5</translation>
    </message>
    <message>
        <source>no update finished</source>
        <translation>kein Update abgeschlossen</translation>
    </message>
</context>
<context>
    <name>otadesk::agent::HttpPool</name>
    <message>
        <source>The server closed the connection.</source>
        <translation>Der Server hat die Verbindung geschlossen.</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s.</source>
        <translation>Keine Antwort von %1 innerhalb von %2 s.</translation>
    </message>
    <message>
        <source>Malformed HTTP answer from %1.</source>
        <translation>Fehlerhafte HTTP-Antwort von %1.</translation>
    </message>
    <message>
        <source>The connection to %1 broke during the answer (simulated).</source>
        <translation>Die Verbindung zu %1 ist während der Antwort abgebrochen (simuliert).</translation>
    </message>
</context>
<context>
    <name>otadesk::agent::SimProfile</name>
    <message>
        <source>Profile field %1: %2</source>
        <translation>Profilfeld %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the profile %1: %2</source>
        <translation>Das Profil %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The profile is not a JSON object (%1 at offset %2).</source>
        <translation>Das Profil ist kein JSON-Objekt (%1 bei Offset %2).</translation>
    </message>
    <message>
        <source>between 1 and 1024</source>
        <translation>zwischen 1 und 1024</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>give at least one group of devices</source>
        <translation>geben Sie mindestens eine Gerätegruppe an</translation>
    </message>
    <message>
        <source>required (e.g. &quot;GW-200&quot;)</source>
        <translation>erforderlich (z. B. „GW-200“)</translation>
    </message>
    <message>
        <source>count must be &gt;= 0, digits 1..18</source>
        <translation>count muss &gt;= 0 sein, digits 1..18</translation>
    </message>
    <message>
        <source>each needs a name, a version and an image or image_size up to 64 MiB</source>
        <translation>jede benötigt einen Namen, eine Version und ein Image oder eine image_size bis 64 MiB</translation>
    </message>
    <message>
        <source>give at least one component</source>
        <translation>geben Sie mindestens eine Komponente an</translation>
    </message>
    <message>
        <source>a rate between 0 and 1</source>
        <translation>eine Rate zwischen 0 und 1</translation>
    </message>
    <message>
        <source>poll_seconds &gt;= 1, poll_jitter 0..1, link speed and wake times &gt;= 0</source>
        <translation>poll_seconds &gt;= 1, poll_jitter 0..1, Verbindungsgeschwindigkeit und Aufwachzeiten &gt;= 0</translation>
    </message>
</context>
<context>
    <name>otadesk::agent::SimulatedFlash</name>
    <message>
        <source>The flash state %1 is damaged; delete the device&apos;s files to start it afresh.</source>
        <translation>Der Flash-Zustand %1 ist beschädigt; löschen Sie die Dateien des Geräts, um es neu zu starten.</translation>
    </message>
    <message>
        <source>The flash state %1 has an invalid component entry.</source>
        <translation>Der Flash-Zustand %1 enthält einen ungültigen Komponenteneintrag.</translation>
    </message>
    <message>
        <source>The device has no component &quot;%1&quot;.</source>
        <translation>Das Gerät hat keine Komponente „%1“.</translation>
    </message>
    <message>
        <source>Component &quot;%1&quot; has an unconfirmed upgrade; it cannot take another image before it is confirmed or reverted.</source>
        <translation>Die Komponente „%1“ hat ein unbestätigtes Upgrade; sie kann kein weiteres Image aufnehmen, bevor es bestätigt oder zurückgenommen wurde.</translation>
    </message>
    <message>
        <source>Component &quot;%1&quot; is not being written.</source>
        <translation>Die Komponente „%1“ wird nicht beschrieben.</translation>
    </message>
    <message>
        <source>The image written to component &quot;%1&quot; has SHA-256 %2 (%3 bytes), the manifest signed %4 (%5 bytes); the slot was discarded.</source>
        <translation>Das in die Komponente „%1“ geschriebene Image hat SHA-256 %2 (%3 Bytes), das Manifest hat %4 (%5 Bytes) signiert; der Slot wurde verworfen.</translation>
    </message>
    <message>
        <source>Component &quot;%1&quot; has no complete image in its inactive slot.</source>
        <translation>Die Komponente „%1“ hat kein vollständiges Image in ihrem inaktiven Slot.</translation>
    </message>
    <message>
        <source>component &quot;%1&quot;: the active slot holds no image</source>
        <translation>Komponente „%1“: Der aktive Slot enthält kein Image</translation>
    </message>
    <message>
        <source>component &quot;%1&quot;: the active slot is being written</source>
        <translation>Komponente „%1“: Der aktive Slot wird gerade beschrieben</translation>
    </message>
    <message>
        <source>component &quot;%1&quot;: image %2 is missing from the store</source>
        <translation>Komponente „%1“: Image %2 fehlt im Speicher</translation>
    </message>
</context>
<context>
    <name>otadesk::bench</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>group %1 command %2</source>
        <translation>Gruppe %1, Befehl %2</translation>
    </message>
    <message>
        <source>success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>the device is out of memory</source>
        <translation>das Gerät hat keinen freien Speicher mehr</translation>
    </message>
    <message>
        <source>invalid value in the request</source>
        <translation>ungültiger Wert in der Anfrage</translation>
    </message>
    <message>
        <source>operation timed out on the device</source>
        <translation>Zeitüberschreitung des Vorgangs auf dem Gerät</translation>
    </message>
    <message>
        <source>no such entry</source>
        <translation>Eintrag nicht vorhanden</translation>
    </message>
    <message>
        <source>the device is in a state that does not allow this</source>
        <translation>der Zustand des Geräts lässt dies nicht zu</translation>
    </message>
    <message>
        <source>the response is too large for the device&apos;s buffer</source>
        <translation>die Antwort ist zu groß für den Puffer des Geräts</translation>
    </message>
    <message>
        <source>command not supported by the device</source>
        <translation>das Gerät unterstützt den Befehl nicht</translation>
    </message>
    <message>
        <source>corrupt data</source>
        <translation>beschädigte Daten</translation>
    </message>
    <message>
        <source>the device is busy</source>
        <translation>das Gerät ist beschäftigt</translation>
    </message>
    <message>
        <source>access denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>the device does not support this old SMP version</source>
        <translation>das Gerät unterstützt diese alte SMP-Version nicht</translation>
    </message>
    <message>
        <source>the device does not support this new SMP version</source>
        <translation>das Gerät unterstützt diese neue SMP-Version nicht</translation>
    </message>
    <message>
        <source>application-specific error</source>
        <translation>anwendungsspezifischer Fehler</translation>
    </message>
    <message>
        <source>unknown error code</source>
        <translation>unbekannter Fehlercode</translation>
    </message>
    <message>
        <source>unknown image-management error code</source>
        <translation>unbekannter Fehlercode der Image-Verwaltung</translation>
    </message>
    <message>
        <source>invalid format in the request</source>
        <translation>ungültiges Format in der Anfrage</translation>
    </message>
    <message>
        <source>the query has no answer on this device</source>
        <translation>auf diesem Gerät gibt es keine Antwort auf die Abfrage</translation>
    </message>
    <message>
        <source>the device clock is not set</source>
        <translation>die Uhr des Geräts ist nicht gestellt</translation>
    </message>
    <message>
        <source>the device clock command failed</source>
        <translation>der Uhr-Befehl des Geräts ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the device&apos;s answer to the query is not valid</source>
        <translation>die Antwort des Geräts auf die Abfrage ist ungültig</translation>
    </message>
    <message>
        <source>unknown OS-management error</source>
        <translation>unbekannter Fehler der OS-Verwaltung</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::BenchFlasher</name>
    <message>
        <source>idle</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>reading the device</source>
        <translation>Auslesen des Geräts</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>verifying the upload</source>
        <translation>Prüfen des Uploads</translation>
    </message>
    <message>
        <source>marking the image for test</source>
        <translation>Markieren des Images zum Testen</translation>
    </message>
    <message>
        <source>resetting</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>waiting for the device to restart</source>
        <translation>Warten auf den Neustart des Geräts</translation>
    </message>
    <message>
        <source>checking the running image</source>
        <translation>Prüfen des laufenden Images</translation>
    </message>
    <message>
        <source>confirming</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>checking the confirmation</source>
        <translation>Prüfen der Bestätigung</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>No image to flash: prepare one with BenchImage first.</source>
        <translation>Kein Image zum Flashen: Bereiten Sie zuerst eines mit BenchImage vor.</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>Verbindung zu %1 wird hergestellt</translation>
    </message>
    <message>
        <source>Cancelled while %1.</source>
        <translation>Abgebrochen beim %1.</translation>
    </message>
    <message>
        <source>The device already runs image %1 (confirmed); nothing to do.</source>
        <translation>Auf dem Gerät läuft bereits Image %1 (bestätigt); nichts zu tun.</translation>
    </message>
    <message>
        <source>Slot 1 already holds this image; skipping the upload.</source>
        <translation>Slot 1 enthält dieses Image bereits; der Upload wird übersprungen.</translation>
    </message>
    <message>
        <source>uploading %1 (%2 bytes)</source>
        <translation>%1 wird hochgeladen (%2 Bytes)</translation>
    </message>
    <message>
        <source>Resuming the upload at offset %1: %2</source>
        <translation>Upload wird bei Offset %1 fortgesetzt: %2</translation>
    </message>
    <message>
        <source>After the upload the device lists no slot 1 for image %1; it cannot test the new image.</source>
        <translation>Nach dem Upload führt das Gerät für Image %1 keinen Slot 1 auf; es kann das neue Image nicht testen.</translation>
    </message>
    <message>
        <source>After the upload the device reports hash %1 for slot 1, but the image&apos;s hash is %2. The upload did not arrive intact or the device rejected it; upload again.</source>
        <translation>Nach dem Upload meldet das Gerät für Slot 1 den Hash %1, der Hash des Images ist jedoch %2. Der Upload ist nicht unversehrt angekommen oder das Gerät hat ihn abgelehnt; laden Sie erneut hoch.</translation>
    </message>
    <message>
        <source>Uploaded %1 (version %2) to slot 1; the device reports its hash %3. Run &apos;otactl bench test&apos; and &apos;reset&apos; to boot it.</source>
        <translation>%1 (Version %2) in Slot 1 hochgeladen; das Gerät meldet seinen Hash %3. Führen Sie &apos;otactl bench test&apos; und &apos;reset&apos; aus, um es zu booten.</translation>
    </message>
    <message>
        <source>The device is busy; forcing the reset.</source>
        <translation>Das Gerät ist beschäftigt; der Reset wird erzwungen.</translation>
    </message>
    <message>
        <source>The device did not come back within %1 s after the reset (%2). Check that it boots (serial log), that MCUboot can start the test image, and raise the reboot timeout for slow swaps.</source>
        <translation>Das Gerät hat sich nach dem Reset nicht innerhalb von %1 s zurückgemeldet (%2). Prüfen Sie, ob es bootet (serielles Protokoll) und ob MCUboot das Test-Image starten kann, und erhöhen Sie bei langsamen Swaps das Neustart-Timeout.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Reconnected to %1.</source>
        <translation>Erneut mit %1 verbunden.</translation>
    </message>
    <message>
        <source>The device runs the new image %1 (test).</source>
        <translation>Auf dem Gerät läuft das neue Image %1 (Test).</translation>
    </message>
    <message>
        <source>The device restarted but runs the old image %1 again (hash %2): MCUboot did not boot the new image %3 or reverted it. Check that it is signed with the key the bootloader expects, fits the slot, is not a downgrade, and that the application starts.</source>
        <translation>Das Gerät wurde neu gestartet, führt aber wieder das alte Image %1 aus (Hash %2): MCUboot hat das neue Image %3 nicht gebootet oder wieder zurückgenommen. Prüfen Sie, ob es mit dem Schlüssel signiert ist, den der Bootloader erwartet, in den Slot passt und kein Downgrade ist und ob die Anwendung startet.</translation>
    </message>
    <message>
        <source>After the restart the device runs %1 (hash %2), neither the new image nor the old one.</source>
        <translation>Nach dem Neustart führt das Gerät %1 aus (Hash %2), weder das neue noch das alte Image.</translation>
    </message>
    <message>
        <source>no active image</source>
        <translation>kein aktives Image</translation>
    </message>
    <message>
        <source>The device accepted the confirmation, but its primary slot is not the new image active and confirmed (%1). MCUboot would revert it on the next reset.</source>
        <translation>Das Gerät hat die Bestätigung angenommen, aber sein primärer Slot enthält nicht das neue Image als aktiv und bestätigt (%1). MCUboot würde es beim nächsten Reset wieder zurücknehmen.</translation>
    </message>
    <message>
        <source>slot 0: %1, hash %2%3%4</source>
        <translation>Slot 0: %1, Hash %2%3%4</translation>
    </message>
    <message>
        <source>, active</source>
        <translation>, aktiv</translation>
    </message>
    <message>
        <source>, confirmed</source>
        <translation>, bestätigt</translation>
    </message>
    <message>
        <source>no slot 0</source>
        <translation>kein Slot 0</translation>
    </message>
    <message>
        <source>The device runs %1 (hash %2), active and confirmed.</source>
        <translation>Auf dem Gerät läuft %1 (Hash %2), aktiv und bestätigt.</translation>
    </message>
    <message>
        <source>Failed while %1: %2</source>
        <translation>Fehler beim %1: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::BenchImage</name>
    <message>
        <source>%1 is not an MCUboot image (%2). MCUboot only boots images with an image header and a hash TLV: sign the build with imgtool (imgtool sign --header-size 0x200 --align 8 --version 1.0.0 --slot-size ... --key key.pem app.bin app.signed.bin) or use the zephyr.signed.bin/.hex of the build.</source>
        <translation>%1 ist kein MCUboot-Image (%2). MCUboot bootet nur Images mit einem Image-Header und einem Hash-TLV: Signieren Sie den Build mit imgtool (imgtool sign --header-size 0x200 --align 8 --version 1.0.0 --slot-size ... --key key.pem app.bin app.signed.bin) oder verwenden Sie die zephyr.signed.bin/.hex des Builds.</translation>
    </message>
    <message>
        <source>no MCUboot header magic 3d b8 f3 96 at its start</source>
        <translation>keine Magic-Nummer 3d b8 f3 96 des MCUboot-Headers am Anfang</translation>
    </message>
    <message>
        <source>the image has no hash TLV</source>
        <translation>das Image hat kein Hash-TLV</translation>
    </message>
    <message>
        <source>%1: the image&apos;s hash TLV (%2) does not match its content (%3); the file is damaged or was changed after signing. Rebuild or re-sign it.</source>
        <translation>%1: Das Hash-TLV des Images (%2) passt nicht zu seinem Inhalt (%3); die Datei ist beschädigt oder wurde nach dem Signieren geändert. Erstellen oder signieren Sie sie neu.</translation>
    </message>
    <message>
        <source>the TLV area ends after the end of the data</source>
        <translation>der TLV-Bereich endet hinter dem Ende der Daten</translation>
    </message>
    <message>
        <source>the file holds no data</source>
        <translation>die Datei enthält keine Daten</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::DeviceDiscovery</name>
    <message>
        <source>&apos;%1&apos; is not a subnet: write it as ADDRESS/PREFIX, e.g. 192.168.1.0/24.</source>
        <translation>„%1“ ist kein Subnetz: Schreiben Sie es als ADRESSE/PRÄFIX, z. B. 192.168.1.0/24.</translation>
    </message>
    <message>
        <source>The subnet %1 has too many addresses to scan (at most %2, e.g. a /%3). Give a smaller one.</source>
        <translation>Das Subnetz %1 hat zu viele Adressen zum Durchsuchen (höchstens %2, z. B. ein /%3). Geben Sie ein kleineres an.</translation>
    </message>
    <message>
        <source>Cannot open a UDP socket: %1</source>
        <translation>Es kann kein UDP-Socket geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Scan cancelled.</source>
        <translation>Suche abgebrochen.</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::DeviceProbe</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::ImageUploader</name>
    <message>
        <source>There is nothing to upload.</source>
        <translation>Es gibt nichts hochzuladen.</translation>
    </message>
    <message>
        <source>The device&apos;s SMP buffer (%1 bytes) is too small for an upload request.</source>
        <translation>Der SMP-Puffer des Geräts (%1 Bytes) ist zu klein für eine Upload-Anfrage.</translation>
    </message>
    <message>
        <source>Upload cancelled at offset %1 of %2.</source>
        <translation>Upload bei Offset %1 von %2 abgebrochen.</translation>
    </message>
    <message>
        <source>The device stopped answering during the upload at byte %1 of %2 (%3 attempts). %4</source>
        <translation>Das Gerät hat während des Uploads bei Byte %1 von %2 aufgehört zu antworten (%3 Versuche). %4</translation>
    </message>
    <message>
        <source>no answer to the chunk at offset %1; sending again from %2</source>
        <translation>keine Antwort auf den Block bei Offset %1; erneutes Senden ab %2</translation>
    </message>
    <message>
        <source>the device lost the upload session (%1); starting again</source>
        <translation>das Gerät hat die Upload-Sitzung verloren (%1); Upload beginnt erneut</translation>
    </message>
    <message>
        <source>Upload failed at offset %1: %2</source>
        <translation>Upload bei Offset %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The device reports offset %1, beyond the image&apos;s %2 bytes.</source>
        <translation>Das Gerät meldet Offset %1, jenseits der %2 Bytes des Images.</translation>
    </message>
    <message>
        <source>the device restarted the upload (it asks for offset 0): sending again from the start</source>
        <translation>das Gerät hat den Upload neu begonnen (es fordert Offset 0 an): erneutes Senden ab dem Anfang</translation>
    </message>
    <message>
        <source>the device expects offset %1 (a chunk was lost)</source>
        <translation>das Gerät erwartet Offset %1 (ein Block ging verloren)</translation>
    </message>
    <message>
        <source>The device received all %1 bytes but reports that their SHA-256 does not match the image&apos;s. Upload again; if it repeats, the link corrupts data.</source>
        <translation>Das Gerät hat alle %1 Bytes empfangen, meldet aber, dass ihr SHA-256 nicht zu dem des Images passt. Laden Sie erneut hoch; wenn es sich wiederholt, verfälscht die Verbindung Daten.</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SerialTransport</name>
    <message>
        <source> Another program may have the port open, or your user lacks access: add it to the &apos;dialout&apos; group (sudo usermod -aG dialout $USER) and log in again.</source>
        <translation> Möglicherweise hat ein anderes Programm den Port geöffnet, oder Ihrem Benutzer fehlt der Zugriff: Fügen Sie ihn der Gruppe &apos;dialout&apos; hinzu (sudo usermod -aG dialout $USER) und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source> Check the cable and the port name (otactl bench list shows the ports).</source>
        <translation> Prüfen Sie das Kabel und den Portnamen (otactl bench list zeigt die Ports an).</translation>
    </message>
    <message>
        <source>Cannot open serial port %1: %2.%3</source>
        <translation>Der serielle Port %1 kann nicht geöffnet werden: %2.%3</translation>
    </message>
    <message>
        <source>serial %1 @ %2</source>
        <translation>seriell %1 @ %2</translation>
    </message>
    <message>
        <source>The serial port %1 went away (%2). The device may have rebooted or been unplugged.</source>
        <translation>Der serielle Port %1 ist verschwunden (%2). Das Gerät wurde möglicherweise neu gestartet oder abgesteckt.</translation>
    </message>
    <message>
        <source>Serial port %1: %2</source>
        <translation>Serieller Port %1: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SimImage</name>
    <message>
        <source>&quot;%1&quot; is not an MCUboot version; write MAJOR.MINOR.REVISION[+BUILD] (at most 255.255.65535+4294967295).</source>
        <translation>„%1“ ist keine MCUboot-Version; schreiben Sie MAJOR.MINOR.REVISION[+BUILD] (höchstens 255.255.65535+4294967295).</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SimSerialHost</name>
    <message>
        <source>Cannot create a pseudo-terminal: %1</source>
        <translation>Es kann kein Pseudo-Terminal angelegt werden: %1</translation>
    </message>
    <message>
        <source>Cannot name the pseudo-terminal: %1</source>
        <translation>Der Name des Pseudo-Terminals kann nicht ermittelt werden: %1</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the link %1 to %2; remove the file there or choose another path.</source>
        <translation>Die Verknüpfung %1 auf %2 kann nicht angelegt werden; entfernen Sie die dortige Datei oder wählen Sie einen anderen Pfad.</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SimStore</name>
    <message>
        <source>Cannot create the simulator&apos;s state folder %1.</source>
        <translation>Der Statusordner des Simulators %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2); delete the folder to start afresh.</source>
        <translation>%1 ist kein gültiges JSON (%2); löschen Sie den Ordner, um neu zu beginnen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SimUdpHost</name>
    <message>
        <source>Cannot listen on UDP %1:%2: %3; choose another port with --udp.</source>
        <translation>Auf UDP %1:%2 kann nicht gelauscht werden: %3; wählen Sie mit --udp einen anderen Port.</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SimulatedDevice</name>
    <message>
        <source>The buffer size must be from 64 to 65543 bytes.</source>
        <translation>Die Puffergröße muss zwischen 64 und 65543 Bytes liegen.</translation>
    </message>
    <message>
        <source>The image (%1 bytes) does not fit the %2-byte slot.</source>
        <translation>Das Image (%1 Bytes) passt nicht in den %2 Bytes großen Slot.</translation>
    </message>
    <message>
        <source>The image for slot 0 is not a bootable MCUboot image (%1). Build it with imgtool (or west sign) and try again.</source>
        <translation>Das Image für Slot 0 ist kein bootfähiges MCUboot-Image (%1). Erstellen Sie es mit imgtool (oder west sign) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>its SHA-256 TLV is missing or wrong</source>
        <translation>sein SHA-256-TLV fehlt oder ist falsch</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SmpClient</name>
    <message>
        <source>The device refused %1: %2</source>
        <translation>Das Gerät hat %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>The connection to the device is not open.</source>
        <translation>Die Verbindung zum Gerät ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>The request is too large for one SMP packet.</source>
        <translation>Die Anfrage ist zu groß für ein SMP-Paket.</translation>
    </message>
    <message>
        <source>malformed packet dropped: %1</source>
        <translation>fehlerhaftes Paket verworfen: %1</translation>
    </message>
    <message>
        <source>No answer from the device to %1 within %2 ms over %3. Check that the device is powered and running an MCUmgr-enabled application, and the port/address and baud rate.</source>
        <translation>Keine Antwort des Geräts auf %1 innerhalb von %2 ms über %3. Prüfen Sie, ob das Gerät eingeschaltet ist und eine Anwendung mit MCUmgr ausführt, sowie Port/Adresse und Baudrate.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SmpHeader</name>
    <message>
        <source>The SMP packet has %1 bytes, fewer than the 8 of its header.</source>
        <translation>Das SMP-Paket hat %1 Bytes, weniger als die 8 seines Headers.</translation>
    </message>
    <message>
        <source>The SMP header&apos;s reserved bits are set (first byte 0x%1).</source>
        <translation>Im SMP-Header sind reservierte Bits gesetzt (erstes Byte 0x%1).</translation>
    </message>
    <message>
        <source>The SMP header has the unknown operation %1.</source>
        <translation>Der SMP-Header enthält die unbekannte Operation %1.</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SmpPacket</name>
    <message>
        <source>The SMP header announces a %1-byte body but %2 bytes follow it.</source>
        <translation>Der SMP-Header kündigt einen Rumpf von %1 Bytes an, es folgen aber %2 Bytes.</translation>
    </message>
    <message>
        <source>The SMP body is not valid CBOR: %1</source>
        <translation>Der SMP-Rumpf ist kein gültiges CBOR: %1</translation>
    </message>
    <message>
        <source>The SMP body is not a CBOR map.</source>
        <translation>Der SMP-Rumpf ist keine CBOR-Map.</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::SmpStatus</name>
    <message>
        <source>success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>unknown image-management error</source>
        <translation>unbekannter Fehler der Image-Verwaltung</translation>
    </message>
    <message>
        <source>the flash configuration cannot be queried</source>
        <translation>die Flash-Konfiguration kann nicht abgefragt werden</translation>
    </message>
    <message>
        <source>no image in the slot</source>
        <translation>kein Image im Slot</translation>
    </message>
    <message>
        <source>the image has no TLVs</source>
        <translation>das Image hat keine TLVs</translation>
    </message>
    <message>
        <source>the image has an invalid TLV</source>
        <translation>das Image hat ein ungültiges TLV</translation>
    </message>
    <message>
        <source>the image has several hash TLVs</source>
        <translation>das Image hat mehrere Hash-TLVs</translation>
    </message>
    <message>
        <source>a TLV of the image has an invalid size</source>
        <translation>ein TLV des Images hat eine ungültige Größe</translation>
    </message>
    <message>
        <source>no image with this hash on the device</source>
        <translation>kein Image mit diesem Hash auf dem Gerät</translation>
    </message>
    <message>
        <source>no free slot for the upload</source>
        <translation>kein freier Slot für den Upload</translation>
    </message>
    <message>
        <source>the flash area cannot be opened</source>
        <translation>der Flash-Bereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>reading the flash failed</source>
        <translation>das Lesen des Flash-Speichers ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>writing the flash failed</source>
        <translation>das Schreiben des Flash-Speichers ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>erasing the flash failed</source>
        <translation>das Löschen des Flash-Speichers ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>invalid slot</source>
        <translation>ungültiger Slot</translation>
    </message>
    <message>
        <source>the device is out of memory</source>
        <translation>das Gerät hat keinen freien Speicher mehr</translation>
    </message>
    <message>
        <source>an upload is already in progress</source>
        <translation>ein Upload läuft bereits</translation>
    </message>
    <message>
        <source>no upload in progress</source>
        <translation>kein Upload im Gange</translation>
    </message>
    <message>
        <source>the flash device is missing</source>
        <translation>der Flash-Baustein fehlt</translation>
    </message>
    <message>
        <source>invalid flash page offset</source>
        <translation>ungültiger Offset der Flash-Seite</translation>
    </message>
    <message>
        <source>invalid upload offset</source>
        <translation>ungültiger Upload-Offset</translation>
    </message>
    <message>
        <source>invalid upload length</source>
        <translation>ungültige Upload-Länge</translation>
    </message>
    <message>
        <source>invalid MCUboot image header</source>
        <translation>ungültiger MCUboot-Image-Header</translation>
    </message>
    <message>
        <source>not an MCUboot image (bad header magic)</source>
        <translation>kein MCUboot-Image (falsche Magic-Nummer im Header)</translation>
    </message>
    <message>
        <source>invalid image hash</source>
        <translation>ungültiger Image-Hash</translation>
    </message>
    <message>
        <source>invalid flash address</source>
        <translation>ungültige Flash-Adresse</translation>
    </message>
    <message>
        <source>the image version cannot be read</source>
        <translation>die Image-Version kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>the running image is newer (downgrade refused)</source>
        <translation>das laufende Image ist neuer (Downgrade abgelehnt)</translation>
    </message>
    <message>
        <source>an image is already pending</source>
        <translation>es ist bereits ein Image ausstehend</translation>
    </message>
    <message>
        <source>invalid image vector table</source>
        <translation>ungültige Vektortabelle des Images</translation>
    </message>
    <message>
        <source>the image is too large for the slot</source>
        <translation>das Image ist zu groß für den Slot</translation>
    </message>
    <message>
        <source>more data than the announced image length</source>
        <translation>mehr Daten als die angekündigte Image-Länge</translation>
    </message>
    <message>
        <source>confirming the image was denied</source>
        <translation>das Bestätigen des Images wurde verweigert</translation>
    </message>
    <message>
        <source>the active image cannot be marked for test</source>
        <translation>das aktive Image kann nicht zum Testen markiert werden</translation>
    </message>
    <message>
        <source>the active slot is not known</source>
        <translation>der aktive Slot ist nicht bekannt</translation>
    </message>
    <message>
        <source>%1 (rc %2)</source>
        <translation>%1 (rc %2)</translation>
    </message>
    <message>
        <source>error in group %1</source>
        <translation>Fehler in Gruppe %1</translation>
    </message>
    <message>
        <source>%1 (group %2, rc %3)</source>
        <translation>%1 (Gruppe %2, rc %3)</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::UdpTransport</name>
    <message>
        <source>&apos;%1&apos;: missing &apos;]&apos; after the IPv6 address.</source>
        <translation>„%1“: &apos;]&apos; fehlt nach der IPv6-Adresse.</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: expected &apos;:PORT&apos; after &apos;]&apos;.</source>
        <translation>„%1“: &apos;:PORT&apos; nach &apos;]&apos; erwartet.</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the port must be a number from 1 to 65535.</source>
        <translation>„%1“: Der Port muss eine Zahl von 1 bis 65535 sein.</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: no host name or address.</source>
        <translation>„%1“: kein Hostname und keine Adresse.</translation>
    </message>
    <message>
        <source>Cannot resolve &apos;%1&apos;: %2. Check the name or give the device&apos;s IP address.</source>
        <translation>„%1“ kann nicht aufgelöst werden: %2. Prüfen Sie den Namen oder geben Sie die IP-Adresse des Geräts an.</translation>
    </message>
    <message>
        <source>Cannot open a UDP socket: %1</source>
        <translation>Es kann kein UDP-Socket geöffnet werden: %1</translation>
    </message>
    <message>
        <source>udp %1:%2</source>
        <translation>udp %1:%2</translation>
    </message>
</context>
<context>
    <name>otadesk::bench::smpcbor</name>
    <message>
        <source>The SMP %1 has no valid &quot;%2&quot; field.</source>
        <translation>Die SMP-Nachricht (%1) hat kein gültiges Feld „%2“.</translation>
    </message>
</context>
<context>
    <name>otadesk::campaign::DeviceUpdateState</name>
    <message>
        <source>The state %1 cannot be set this way.</source>
        <translation>Der Status %1 kann auf diese Weise nicht gesetzt werden.</translation>
    </message>
    <message>
        <source>A device cannot report the state %1; it reports one of %2.</source>
        <translation>Ein Gerät kann den Status %1 nicht melden; es meldet einen von %2.</translation>
    </message>
    <message>
        <source>The update is over (%1); nothing changes any more.</source>
        <translation>Das Update ist beendet (%1); es ändert sich nichts mehr.</translation>
    </message>
</context>
<context>
    <name>otadesk::client::ApiCall</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>otadesk::client::ApiClient</name>
    <message>
        <source>No server URL is configured for this connection.</source>
        <translation>Für diese Verbindung ist keine Server-URL konfiguriert.</translation>
    </message>
</context>
<context>
    <name>otadesk::client::ApiError</name>
    <message>
        <source>Server error: %1 (%2)</source>
        <translation>Serverfehler: %1 (%2)</translation>
    </message>
    <message>
        <source>Server refused: %1 (%2)</source>
        <translation>Server hat abgelehnt: %1 (%2)</translation>
    </message>
    <message>
        <source>Check the API token (--token or OTADESK_TOKEN, or the connection settings).</source>
        <translation>Prüfen Sie das API-Token (--token oder OTADESK_TOKEN oder die Verbindungseinstellungen).</translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n second(s).</source>
        <translation>
            <numerusform>Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s (timeout); the server may be overloaded or unreachable.</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet (Zeitüberschreitung); der Server ist möglicherweise überlastet oder nicht erreichbar.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2%3 without an API error body</source>
        <translation>%1 hat mit HTTP %2%3 ohne API-Fehlerinhalt geantwortet</translation>
    </message>
    <message>
        <source>The TLS certificate of %1 is not trusted (%2). Trust the server&apos;s certificate with --ca-cert FILE (e.g. the server.crt written by &quot;otactl server init&quot;; in the app: the CA certificate of the connection), or, for a local test server only, turn verification off with --insecure.</source>
        <translation>Dem TLS-Zertifikat von %1 wird nicht vertraut (%2). Vertrauen Sie dem Zertifikat des Servers mit --ca-cert FILE (z. B. der von &quot;otactl server init&quot; geschriebenen server.crt; in der App: dem CA-Zertifikat der Verbindung) oder schalten Sie, nur für einen lokalen Testserver, die Prüfung mit --insecure aus.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::client::DownloadJob</name>
    <message>
        <source>No server connection.</source>
        <translation>Keine Serververbindung.</translation>
    </message>
    <message>
        <source>%1 exists already; choose another file or overwrite it (--force).</source>
        <translation>%1 existiert bereits; wählen Sie eine andere Datei oder überschreiben Sie sie (--force).</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>Download abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The server sends content with ETag %1 for payload %2, whose SHA-256 is %3.</source>
        <translation>Der Server sendet Inhalt mit ETag %1 für die Payload %2, deren SHA-256 %3 ist.</translation>
    </message>
    <message>
        <source>The server answered a range request for offset %1 with Content-Range &quot;%2&quot;.</source>
        <translation>Der Server hat eine Range-Anfrage für Offset %1 mit Content-Range &quot;%2&quot; beantwortet.</translation>
    </message>
    <message>
        <source>The download of payload %1 ended after %2 of %3 bytes.</source>
        <translation>Das Herunterladen der Payload %1 endete nach %2 von %3 Bytes.</translation>
    </message>
    <message>
        <source>The downloaded content of payload %1 has SHA-256 %2, but the server lists %3; the partial file was removed. Download it again.</source>
        <translation>Der heruntergeladene Inhalt der Payload %1 hat SHA-256 %2, der Server nennt jedoch %3; die unvollständige Datei wurde entfernt. Laden Sie sie erneut herunter.</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2.</source>
        <translation>%1 kann nicht in %2 umbenannt werden.</translation>
    </message>
</context>
<context>
    <name>otadesk::client::EventStream</name>
    <message>
        <source>The server closed the event stream.</source>
        <translation>Der Server hat den Ereignisstrom geschlossen.</translation>
    </message>
</context>
<context>
    <name>otadesk::client::ServerEndpoint</name>
    <message>
        <source>No server given. Pass --server URL or set OTADESK_SERVER (e.g. https://host:8443).</source>
        <translation>Kein Server angegeben. Übergeben Sie --server URL oder setzen Sie OTADESK_SERVER (z. B. https://host:8443).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server URL; expected http://HOST:PORT or https://HOST:PORT.</source>
        <translation>&quot;%1&quot; ist keine Server-URL; erwartet wird http://HOST:PORT oder https://HOST:PORT.</translation>
    </message>
    <message>
        <source>Cannot read the CA certificate file %1: %2</source>
        <translation>Die CA-Zertifikatsdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no certificate (expected PEM, e.g. the server.crt written by &quot;otactl server init&quot;).</source>
        <translation>%1 enthält kein Zertifikat (erwartet wird PEM, z. B. die von &quot;otactl server init&quot; geschriebene server.crt).</translation>
    </message>
</context>
<context>
    <name>otadesk::client::UploadJob</name>
    <message>
        <source>No server connection.</source>
        <translation>Keine Serververbindung.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Upload cancelled.</source>
        <translation>Upload abgebrochen.</translation>
    </message>
    <message>
        <source>The upload %1 on the server expects %2 bytes, but %3 has %4 bytes.</source>
        <translation>Der Upload %1 auf dem Server erwartet %2 Bytes, %3 hat jedoch %4 Bytes.</translation>
    </message>
    <message>
        <source>The upload %1 was finished with different content (SHA-256 %2, the file has %3).</source>
        <translation>Der Upload %1 wurde mit anderem Inhalt abgeschlossen (SHA-256 %2, die Datei hat %3).</translation>
    </message>
    <message>
        <source>The upload %1 is %2 on the server and cannot be continued; start a new upload.</source>
        <translation>Der Upload %1 ist auf dem Server %2 und kann nicht fortgesetzt werden; starten Sie einen neuen Upload.</translation>
    </message>
    <message>
        <source>%1 became shorter while it was uploaded.</source>
        <translation>%1 ist während des Hochladens kürzer geworden.</translation>
    </message>
    <message>
        <source>Cannot read %1 bytes at offset %2 of %3: %4</source>
        <translation>%1 Bytes bei Offset %2 von %3 können nicht gelesen werden: %4</translation>
    </message>
    <message>
        <source>The server confirmed %1 bytes of upload %2 after a part at offset %3.</source>
        <translation>Der Server hat nach einem Teil bei Offset %3 %1 Bytes von Upload %2 bestätigt.</translation>
    </message>
</context>
<context>
    <name>otadesk::crypto::EcdsaSignature</name>
    <message>
        <source>The ECDSA signature is not valid DER (SEQUENCE of r and s).</source>
        <translation>Die ECDSA-Signatur ist kein gültiges DER (SEQUENCE aus r und s).</translation>
    </message>
    <message>
        <source>The ECDSA signature&apos;s r or s is longer than %1 bytes.</source>
        <translation>r oder s der ECDSA-Signatur ist länger als %1 Bytes.</translation>
    </message>
    <message>
        <source>An ECDSA signature (r||s) must be %1 bytes, not %2.</source>
        <translation>Eine ECDSA-Signatur (r||s) muss %1 Bytes lang sein, nicht %2.</translation>
    </message>
    <message>
        <source>OpenSSL could not build an ECDSA signature: %1</source>
        <translation>OpenSSL konnte keine ECDSA-Signatur erstellen: %1</translation>
    </message>
    <message>
        <source>OpenSSL could not encode an ECDSA signature: %1</source>
        <translation>OpenSSL konnte eine ECDSA-Signatur nicht kodieren: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::crypto::KeyStore</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot restrict the permissions of %1 to its owner.</source>
        <translation>Die Zugriffsrechte von %1 können nicht auf den Eigentümer beschränkt werden.</translation>
    </message>
    <message>
        <source>%1 is damaged (%2). Restore it from a backup; the key files beside it are intact.</source>
        <translation>%1 ist beschädigt (%2). Stellen Sie die Datei aus einer Sicherung wieder her; die Schlüsseldateien daneben sind unversehrt.</translation>
    </message>
    <message>
        <source>Entry %1 of %2 has no valid id, name or type.</source>
        <translation>Eintrag %1 in %2 hat keine gültige ID, keinen gültigen Namen oder keinen gültigen Typ.</translation>
    </message>
    <message>
        <source>Cannot create the key folder %1.</source>
        <translation>Der Schlüsselordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The key id prefix “%1” matches %2 keys: %3. Give more characters or the name.</source>
        <translation>Das Schlüssel-ID-Präfix „%1“ passt auf %2 Schlüssel: %3. Geben Sie mehr Zeichen oder den Namen an.</translation>
    </message>
    <message>
        <source>No key is named “%1” or has an id starting with it.</source>
        <translation>Kein Schlüssel heißt „%1“ oder hat eine ID, die damit beginnt.</translation>
    </message>
    <message>
        <source>A key needs a name.</source>
        <translation>Ein Schlüssel benötigt einen Namen.</translation>
    </message>
    <message>
        <source>A key name may not start or end with spaces.</source>
        <translation>Ein Schlüsselname darf nicht mit Leerzeichen beginnen oder enden.</translation>
    </message>
    <message>
        <source>A key name may have at most 100 characters.</source>
        <translation>Ein Schlüsselname darf höchstens 100 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>A key name may not contain slashes, backslashes or control characters.</source>
        <translation>Ein Schlüsselname darf keine Schrägstriche, Backslashes oder Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>There is already a key named “%1”.</source>
        <translation>Es gibt bereits einen Schlüssel namens „%1“.</translation>
    </message>
    <message>
        <source>This key is already in the store as “%1”.</source>
        <translation>Dieser Schlüssel ist bereits als „%1“ im Schlüsselspeicher vorhanden.</translation>
    </message>
    <message>
        <source>A passphrase is needed to store a private key.</source>
        <translation>Zum Speichern eines privaten Schlüssels wird eine Passphrase benötigt.</translation>
    </message>
    <message>
        <source>%1 does not hold the key %2 it is named for.</source>
        <translation>%1 enthält nicht den Schlüssel %2, nach dem die Datei benannt ist.</translation>
    </message>
    <message>
        <source>The key “%1” is a public key only; there is no private key to use.</source>
        <translation>Der Schlüssel „%1“ ist nur ein öffentlicher Schlüssel; es gibt keinen privaten Schlüssel, der verwendet werden kann.</translation>
    </message>
    <message>
        <source>The re-encrypted key did not read back; the old key file is kept.</source>
        <translation>Der neu verschlüsselte Schlüssel ließ sich nicht zurücklesen; die alte Schlüsseldatei bleibt erhalten.</translation>
    </message>
    <message>
        <source>Name the product the key should be the default for.</source>
        <translation>Geben Sie das Produkt an, für das der Schlüssel als Standard gelten soll.</translation>
    </message>
    <message>
        <source>The key “%1” is a public key only and cannot sign.</source>
        <translation>Der Schlüssel „%1“ ist nur ein öffentlicher Schlüssel und kann nicht signieren.</translation>
    </message>
    <message>
        <source>No key is the default signing key of “%1”.</source>
        <translation>Kein Schlüssel ist der Standard-Signaturschlüssel von „%1“.</translation>
    </message>
</context>
<context>
    <name>otadesk::crypto::PrivateKey</name>
    <message>
        <source>OpenSSL could not generate a %1 key: %2</source>
        <translation>OpenSSL konnte keinen %1-Schlüssel erzeugen: %2</translation>
    </message>
    <message>
        <source>The key file is encrypted: a passphrase is needed.</source>
        <translation>Die Schlüsseldatei ist verschlüsselt: Eine Passphrase wird benötigt.</translation>
    </message>
    <message>
        <source>The passphrase is wrong (or the key file is damaged).</source>
        <translation>Die Passphrase ist falsch (oder die Schlüsseldatei ist beschädigt).</translation>
    </message>
    <message>
        <source>This is not a private key PEM (expected &quot;-----BEGIN ENCRYPTED PRIVATE KEY-----&quot;, &quot;PRIVATE KEY&quot; or &quot;EC PRIVATE KEY&quot;).</source>
        <translation>Dies ist kein PEM eines privaten Schlüssels (erwartet: &quot;-----BEGIN ENCRYPTED PRIVATE KEY-----&quot;, &quot;PRIVATE KEY&quot; oder &quot;EC PRIVATE KEY&quot;).</translation>
    </message>
    <message>
        <source>There is no key to save.</source>
        <translation>Es gibt keinen Schlüssel zum Speichern.</translation>
    </message>
    <message>
        <source>An empty passphrase is not allowed for a private key file.</source>
        <translation>Eine leere Passphrase ist für die Datei eines privaten Schlüssels nicht zulässig.</translation>
    </message>
    <message>
        <source>OpenSSL could not encrypt the private key: %1</source>
        <translation>OpenSSL konnte den privaten Schlüssel nicht verschlüsseln: %1</translation>
    </message>
    <message>
        <source>OpenSSL could not write the private key: %1</source>
        <translation>OpenSSL konnte den privaten Schlüssel nicht schreiben: %1</translation>
    </message>
    <message>
        <source>There is no key to sign with.</source>
        <translation>Es gibt keinen Schlüssel zum Signieren.</translation>
    </message>
    <message>
        <source>OpenSSL could not start signing: %1</source>
        <translation>OpenSSL konnte das Signieren nicht starten: %1</translation>
    </message>
    <message>
        <source>OpenSSL could not sign: %1</source>
        <translation>OpenSSL konnte nicht signieren: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::crypto::PublicKey</name>
    <message>
        <source>EC keys on the curve %1 are not supported; use P-256 (prime256v1) or Ed25519.</source>
        <translation>EC-Schlüssel auf der Kurve %1 werden nicht unterstützt; verwenden Sie P-256 (prime256v1) oder Ed25519.</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>%1 keys are not supported; use ECDSA P-256 or Ed25519.</source>
        <translation>%1 Schlüssel werden nicht unterstützt; verwenden Sie ECDSA P-256 oder Ed25519.</translation>
    </message>
    <message>
        <source>This type of</source>
        <translation>Diese</translation>
    </message>
    <message>
        <source>This is not a public key PEM (expected &quot;-----BEGIN PUBLIC KEY-----&quot;).</source>
        <translation>Dies ist kein PEM eines öffentlichen Schlüssels (erwartet: &quot;-----BEGIN PUBLIC KEY-----&quot;).</translation>
    </message>
    <message>
        <source>This is not a DER SubjectPublicKeyInfo.</source>
        <translation>Dies ist kein DER-kodiertes SubjectPublicKeyInfo.</translation>
    </message>
    <message>
        <source>A P-256 public key needs 32-byte x and y coordinates (got %1 and %2).</source>
        <translation>Ein öffentlicher P-256-Schlüssel benötigt x- und y-Koordinaten mit je 32 Bytes (erhalten: %1 und %2).</translation>
    </message>
    <message>
        <source>The x and y coordinates are not a point on the P-256 curve.</source>
        <translation>Die x- und y-Koordinaten sind kein Punkt auf der Kurve P-256.</translation>
    </message>
    <message>
        <source>An Ed25519 public key is 32 bytes, not %1.</source>
        <translation>Ein öffentlicher Ed25519-Schlüssel ist 32 Bytes lang, nicht %1.</translation>
    </message>
    <message>
        <source>OpenSSL refused the Ed25519 public key: %1</source>
        <translation>OpenSSL hat den öffentlichen Ed25519-Schlüssel abgelehnt: %1</translation>
    </message>
    <message>
        <source>No public key to verify with.</source>
        <translation>Es gibt keinen öffentlichen Schlüssel zum Prüfen.</translation>
    </message>
    <message>
        <source>An Ed25519 signature is 64 bytes, not %1.</source>
        <translation>Eine Ed25519-Signatur ist 64 Bytes lang, nicht %1.</translation>
    </message>
    <message>
        <source>OpenSSL could not start verifying: %1</source>
        <translation>OpenSSL konnte die Prüfung nicht starten: %1</translation>
    </message>
    <message>
        <source>The signature does not match the message and this %1 key.</source>
        <translation>Die Signatur passt nicht zur Nachricht und diesem %1-Schlüssel.</translation>
    </message>
    <message>
        <source>Only ECDSA keys verify a signature over a precomputed digest.</source>
        <translation>Nur ECDSA-Schlüssel prüfen eine Signatur über einen vorab berechneten Digest.</translation>
    </message>
    <message>
        <source>A SHA-256 digest is 32 bytes, not %1.</source>
        <translation>Ein SHA-256-Digest ist 32 Bytes lang, nicht %1.</translation>
    </message>
    <message>
        <source>The ECDSA signature does not match the digest and this key.</source>
        <translation>Die ECDSA-Signatur passt nicht zum Digest und diesem Schlüssel.</translation>
    </message>
</context>
<context>
    <name>otadesk::crypto::SelfSignedCertificate</name>
    <message>
        <source>Creating the certificate failed (%1): %2</source>
        <translation>Das Erstellen des Zertifikats ist fehlgeschlagen (%1): %2</translation>
    </message>
    <message>
        <source>The validity must be 1 to 3650 days, not %1.</source>
        <translation>Die Gültigkeitsdauer muss 1 bis 3650 Tage betragen, nicht %1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a host name nor an IP address.</source>
        <translation>„%1“ ist weder ein Hostname noch eine IP-Adresse.</translation>
    </message>
</context>
<context>
    <name>otadesk::delta::DeltaApplier</name>
    <message>
        <source>The patch has been applied completely already.</source>
        <translation>Der Patch wurde bereits vollständig angewendet.</translation>
    </message>
    <message>
        <source>Chunk %1 was given, but the decoder needs chunk %2 of %3 next.</source>
        <translation>Block %1 wurde übergeben, aber der Decoder benötigt als Nächstes Block %2 von %3.</translation>
    </message>
    <message>
        <source>Chunk %1 of the patch does not match its digest under the patch root; fetch this chunk again.</source>
        <translation>Block %1 des Patches passt nicht zu seinem Digest unter der Patch-Wurzel; rufen Sie diesen Block erneut ab.</translation>
    </message>
    <message>
        <source>The saved decoder state belongs to a different patch.</source>
        <translation>Der gespeicherte Decoder-Zustand gehört zu einem anderen Patch.</translation>
    </message>
    <message>
        <source>The patch payload does not match the chunk root in its header; the patch is corrupt. Download it again.</source>
        <translation>Die Nutzdaten des Patches passen nicht zur Block-Wurzel in seinem Header; der Patch ist beschädigt. Laden Sie ihn erneut herunter.</translation>
    </message>
</context>
<context>
    <name>otadesk::delta::DeltaEncoder</name>
    <message>
        <source>Delta patches handle images up to 1 GiB.</source>
        <translation>Delta-Patches unterstützen Images bis 1 GiB.</translation>
    </message>
    <message>
        <source>The chunk size must be between %1 and %2 bytes.</source>
        <translation>Die Blockgröße muss zwischen %1 und %2 Bytes liegen.</translation>
    </message>
    <message>
        <source>No delta encoding of these images could be verified; please report this.</source>
        <translation>Keine Delta-Kodierung dieser Images konnte verifiziert werden; bitte melden Sie diesen Fehler.</translation>
    </message>
</context>
<context>
    <name>otadesk::delta::DeltaInfo</name>
    <message>
        <source>The patch is %1 bytes long but its header announces %2 bytes; the file is truncated or has trailing data. Download it again.</source>
        <translation>Der Patch ist %1 Bytes lang, sein Header kündigt aber %2 Bytes an; die Datei ist abgeschnitten oder hat überzählige Daten am Ende. Laden Sie sie erneut herunter.</translation>
    </message>
    <message>
        <source>This is not an OTA Desk delta patch (bad magic or header field).</source>
        <translation>Dies ist kein Delta-Patch von OTA Desk (falsche Magic-Nummer oder falsches Header-Feld).</translation>
    </message>
    <message>
        <source>The delta patch uses a format version this program does not know; update OTA Desk.</source>
        <translation>Der Delta-Patch verwendet eine Formatversion, die dieses Programm nicht kennt; aktualisieren Sie OTA Desk.</translation>
    </message>
    <message>
        <source>The delta patch needs a decoder profile or mode this program does not implement.</source>
        <translation>Der Delta-Patch benötigt ein Decoder-Profil oder einen Modus, den dieses Programm nicht implementiert.</translation>
    </message>
    <message>
        <source>The delta patch payload is corrupt (an invalid length, offset or code).</source>
        <translation>Die Nutzdaten des Delta-Patches sind beschädigt (ungültige Länge, ungültiger Offset oder Code).</translation>
    </message>
    <message>
        <source>The delta patch payload ends early; the file is truncated.</source>
        <translation>Die Nutzdaten des Delta-Patches enden vorzeitig; die Datei ist abgeschnitten.</translation>
    </message>
    <message>
        <source>The delta patch has more data than its header announces.</source>
        <translation>Der Delta-Patch enthält mehr Daten, als sein Header ankündigt.</translation>
    </message>
    <message>
        <source>Reading the old image or writing the new one failed.</source>
        <translation>Das Lesen des alten Images oder das Schreiben des neuen ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The patched image does not have the target SHA-256 from the patch header; nothing was written.</source>
        <translation>Das gepatchte Image hat nicht den Ziel-SHA-256 aus dem Patch-Header; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>The old image is not the base this patch was made for (size or SHA-256 differs); use the exact image the patch was created from.</source>
        <translation>Das alte Image ist nicht die Basis, für die dieser Patch erstellt wurde (Größe oder SHA-256 weicht ab); verwenden Sie genau das Image, aus dem der Patch erstellt wurde.</translation>
    </message>
    <message>
        <source>The saved decoder state is invalid; restart the update from the beginning.</source>
        <translation>Der gespeicherte Decoder-Zustand ist ungültig; starten Sie das Update von vorn.</translation>
    </message>
    <message>
        <source>The delta decoder failed (status %1).</source>
        <translation>Der Delta-Decoder ist fehlgeschlagen (Status %1).</translation>
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
    <name>otadesk::fleet</name>
    <message>
        <source>Column %1: the field &quot;%2&quot; needs a name after a dot, e.g. %3.region.</source>
        <translation>Spalte %1: Das Feld &quot;%2&quot; benötigt nach einem Punkt einen Namen, z. B. %3.region.</translation>
    </message>
    <message>
        <source>Column %1: the field &quot;%2&quot; has no parts; write &quot;%3&quot; without &quot;.%4&quot;.</source>
        <translation>Spalte %1: Das Feld &quot;%2&quot; hat keine Unterfelder; schreiben Sie &quot;%3&quot; ohne &quot;.%4&quot;.</translation>
    </message>
    <message>
        <source>Column %1: unknown field &quot;%2&quot;. Known fields: %3.</source>
        <translation>Spalte %1: unbekanntes Feld &quot;%2&quot;. Bekannte Felder: %3.</translation>
    </message>
    <message>
        <source>Column %1: unknown field &quot;%2&quot;; did you mean &quot;%3&quot;? Known fields: %4.</source>
        <translation>Spalte %1: unbekanntes Feld &quot;%2&quot;; meinten Sie &quot;%3&quot;? Bekannte Felder: %4.</translation>
    </message>
    <message>
        <source>Groups nest more than %1 deep: %2.</source>
        <translation>Gruppen sind tiefer als %1 Ebenen verschachtelt: %2.</translation>
    </message>
    <message>
        <source>The group &quot;%1&quot; includes itself: %2. Remove one of these group references.</source>
        <translation>Die Gruppe &quot;%1&quot; enthält sich selbst: %2. Entfernen Sie einen dieser Gruppenverweise.</translation>
    </message>
    <message>
        <source>The filter of the dynamic group &quot;%1&quot; is invalid: %2</source>
        <translation>Der Filter der dynamischen Gruppe &quot;%1&quot; ist ungültig: %2</translation>
    </message>
    <message>
        <source>The dynamic group &quot;%1&quot; has an empty filter: give it a filter, or leave the group out to mean every device.</source>
        <translation>Die dynamische Gruppe &quot;%1&quot; hat einen leeren Filter: Geben Sie ihr einen Filter, oder lassen Sie die Gruppe weg, um alle Geräte zu meinen.</translation>
    </message>
    <message>
        <source>the end of the filter</source>
        <translation>das Ende des Filters</translation>
    </message>
    <message>
        <source>Column %1: the quoted value is not closed: add %2 at its end.</source>
        <translation>Spalte %1: Der Wert in Anführungszeichen ist nicht geschlossen: Fügen Sie an seinem Ende %2 an.</translation>
    </message>
    <message>
        <source>Column %1: expected %2, found %3.</source>
        <translation>Spalte %1: Erwartet wurde %2, gefunden wurde %3.</translation>
    </message>
    <message>
        <source>The filter is too long (%1 characters; at most %2).</source>
        <translation>Der Filter ist zu lang (%1 Zeichen; höchstens %2).</translation>
    </message>
    <message>
        <source>no &quot;)&quot; without a matching &quot;(&quot;</source>
        <translation>kein &quot;)&quot; ohne passendes &quot;(&quot;</translation>
    </message>
    <message>
        <source>&quot;;&quot;, &quot;,&quot;, &quot;and&quot; or &quot;or&quot;</source>
        <translation>&quot;;&quot;, &quot;,&quot;, &quot;and&quot; oder &quot;or&quot;</translation>
    </message>
    <message>
        <source>&quot;(&quot; after &quot;not&quot; (write not(...))</source>
        <translation>&quot;(&quot; nach &quot;not&quot; (schreiben Sie not(...))</translation>
    </message>
    <message>
        <source>Column %1: parentheses nest more than %2 deep.</source>
        <translation>Spalte %1: Klammern sind tiefer als %2 Ebenen verschachtelt.</translation>
    </message>
    <message>
        <source>&quot;)&quot; to close the &quot;(&quot; at column %1</source>
        <translation>&quot;)&quot;, um die &quot;(&quot; in Spalte %1 zu schließen</translation>
    </message>
    <message>
        <source>a field name such as model, serial or attr.region, or &quot;(&quot;</source>
        <translation>ein Feldname wie model, serial oder attr.region, oder &quot;(&quot;</translation>
    </message>
    <message>
        <source>an operator (==, !=, =lt=, =le=, =gt=, =ge=, =in=, =out=, &lt;, &lt;=, &gt;, &gt;=) after &quot;%1&quot;</source>
        <translation>ein Operator (==, !=, =lt=, =le=, =gt=, =ge=, =in=, =out=, &lt;, &lt;=, &gt;, &gt;=) nach &quot;%1&quot;</translation>
    </message>
    <message>
        <source> Did you mean &quot;%1&quot;?</source>
        <translation> Meinten Sie &quot;%1&quot;?</translation>
    </message>
    <message>
        <source>Column %1: unknown operator &quot;%2&quot;.%3 Operators: ==, !=, =lt=, =le=, =gt=, =ge=, =in=, =out=, &lt;, &lt;=, &gt;, &gt;=.</source>
        <translation>Spalte %1: unbekannter Operator &quot;%2&quot;.%3 Operatoren: ==, !=, =lt=, =le=, =gt=, =ge=, =in=, =out=, &lt;, &lt;=, &gt;, &gt;=.</translation>
    </message>
    <message>
        <source>a value after &quot;%1&quot; at column %2 (quote values with spaces or parentheses: &quot;...&quot;)</source>
        <translation>ein Wert nach &quot;%1&quot; in Spalte %2 (Werte mit Leerzeichen oder Klammern in Anführungszeichen setzen: &quot;...&quot;)</translation>
    </message>
    <message>
        <source>Column %1: the filter has more than %2 values; use a static group for long lists of devices.</source>
        <translation>Spalte %1: Der Filter hat mehr als %2 Werte; verwenden Sie für lange Gerätelisten eine statische Gruppe.</translation>
    </message>
    <message>
        <source>Column %1: a list of values needs =in= or =out=, not &quot;%2&quot;.</source>
        <translation>Spalte %1: Eine Werteliste benötigt =in= oder =out=, nicht &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>&quot;,&quot; or &quot;)&quot; in the list that starts at column %1</source>
        <translation>&quot;,&quot; oder &quot;)&quot; in der Liste, die in Spalte %1 beginnt</translation>
    </message>
    <message>
        <source>Column %1: the field &quot;%2&quot; cannot be compared with &quot;%3&quot;; use ==, !=, =in= or =out=.</source>
        <translation>Spalte %1: Das Feld &quot;%2&quot; kann nicht mit &quot;%3&quot; verglichen werden; verwenden Sie ==, !=, =in= oder =out=.</translation>
    </message>
    <message>
        <source>Column %1: wildcards (*) work only with == and !=; write \* for a literal *.</source>
        <translation>Spalte %1: Platzhalter (*) funktionieren nur mit == und !=; schreiben Sie \* für ein wörtliches *.</translation>
    </message>
    <message>
        <source>Column %1: the field &quot;%2&quot; takes no wildcards (*).</source>
        <translation>Spalte %1: Das Feld &quot;%2&quot; erlaubt keine Platzhalter (*).</translation>
    </message>
    <message>
        <source>Column %1: expected a year such as 2024 for &quot;%2&quot;, found &quot;%3&quot;.</source>
        <translation>Spalte %1: Für &quot;%2&quot; wird eine Jahreszahl wie 2024 erwartet, gefunden wurde &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>Column %1: expected a time for &quot;%2&quot; (2024-05-01, 2024-05-01T12:00:00Z, or -7d, -12h, -30m, -2w, now), found &quot;%3&quot;.</source>
        <translation>Spalte %1: Für &quot;%2&quot; wird eine Zeitangabe erwartet (2024-05-01, 2024-05-01T12:00:00Z oder -7d, -12h, -30m, -2w, now), gefunden wurde &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>Column %1: &quot;%2&quot; is not a version; &quot;%3&quot; compares versions such as 2.3.0, 1.4.2+17 or [1,4,2].</source>
        <translation>Spalte %1: &quot;%2&quot; ist keine Version; &quot;%3&quot; vergleicht Versionen wie 2.3.0, 1.4.2+17 oder [1,4,2].</translation>
    </message>
    <message>
        <source>Column %1: a digest is hexadecimal (0-9, a-f), found &quot;%2&quot;.</source>
        <translation>Spalte %1: Ein Digest ist hexadezimal (0-9, a-f), gefunden wurde &quot;%2&quot;.</translation>
    </message>
</context>
<context>
    <name>otadesk::fleet::DeviceImport</name>
    <message>
        <source>&quot;%1&quot; is not a year.</source>
        <translation>&quot;%1&quot; ist keine Jahreszahl.</translation>
    </message>
    <message>
        <source>The %1 is missing.</source>
        <translation>Der Wert für %1 fehlt.</translation>
    </message>
    <message>
        <source>The %1 is longer than %2 characters.</source>
        <translation>Der Wert für %1 ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <source>The %1 contains control characters.</source>
        <translation>Der Wert für %1 enthält Steuerzeichen.</translation>
    </message>
    <message>
        <source>The year %1 is not a production year (1970–2200, or empty).</source>
        <translation>Das Jahr %1 ist kein Produktionsjahr (1970–2200 oder leer).</translation>
    </message>
    <message>
        <source>The vendor ID is not a UUID.</source>
        <translation>Die Hersteller-ID ist keine UUID.</translation>
    </message>
    <message>
        <source>The class ID is not a UUID.</source>
        <translation>Die Klassen-ID ist keine UUID.</translation>
    </message>
    <message>
        <source>The tag &quot;%1&quot; is too long or contains control characters.</source>
        <translation>Das Tag &quot;%1&quot; ist zu lang oder enthält Steuerzeichen.</translation>
    </message>
    <message>
        <source>The metadata value is too long.</source>
        <translation>Der Metadatenwert ist zu lang.</translation>
    </message>
    <message>
        <source>The certificate fingerprint must be a SHA-1 or SHA-256 in hex (40 or 64 digits).</source>
        <translation>Der Zertifikat-Fingerabdruck muss ein SHA-1 oder SHA-256 in Hex sein (40 oder 64 Ziffern).</translation>
    </message>
    <message>
        <source>The file is empty: the first line must name the columns, e.g. serial,model,batch,year.</source>
        <translation>Die Datei ist leer: Die erste Zeile muss die Spalten benennen, z. B. serial,model,batch,year.</translation>
    </message>
    <message>
        <source>Unknown column &quot;%1&quot; in the header. Known columns: %2, and meta.&lt;name&gt; for operator metadata.</source>
        <translation>Unbekannte Spalte &quot;%1&quot; in der Kopfzeile. Bekannte Spalten: %2 sowie meta.&lt;name&gt; für Betreiber-Metadaten.</translation>
    </message>
    <message>
        <source>The header has no &quot;serial&quot; column; every device needs its serial number.</source>
        <translation>Die Kopfzeile hat keine Spalte &quot;serial&quot;; jedes Gerät benötigt seine Seriennummer.</translation>
    </message>
    <message>
        <source>A quoted field is not closed.</source>
        <translation>Ein Feld in Anführungszeichen ist nicht geschlossen.</translation>
    </message>
    <message>
        <source>The row has %1 fields, the header %2.</source>
        <translation>Die Zeile hat %1 Felder, die Kopfzeile %2.</translation>
    </message>
    <message>
        <source>The serial %1 appears twice in the file.</source>
        <translation>Die Seriennummer %1 kommt in der Datei zweimal vor.</translation>
    </message>
    <message>
        <source>The JSON is malformed at byte %1: %2.</source>
        <translation>Das JSON ist bei Byte %1 fehlerhaft: %2.</translation>
    </message>
    <message>
        <source>Expected a JSON array of devices, or an object with a &quot;devices&quot; array.</source>
        <translation>Erwartet wird ein JSON-Array von Geräten oder ein Objekt mit einem Array &quot;devices&quot;.</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;.</source>
        <translation>Unbekanntes Feld &quot;%1&quot;.</translation>
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
    <name>otadesk::manifest::CborDecoder</name>
    <message>
        <source>CBOR at byte %1: %2</source>
        <translation>CBOR bei Byte %1: %2</translation>
    </message>
    <message>
        <source>%1 unexpected byte(s) after the end of the data item</source>
        <translation>%1 unerwartete(s) Byte(s) nach dem Ende des Datenelements</translation>
    </message>
    <message>
        <source>expected a byte string holding embedded CBOR</source>
        <translation>Byte-String mit eingebettetem CBOR erwartet</translation>
    </message>
    <message>
        <source>the byte string is empty, expected embedded CBOR</source>
        <translation>der Byte-String ist leer, eingebettetes CBOR erwartet</translation>
    </message>
    <message>
        <source>%1 unexpected byte(s) after the embedded data item</source>
        <translation>%1 unerwartete(s) Byte(s) nach dem eingebetteten Datenelement</translation>
    </message>
    <message>
        <source>truncated: expected a data item, the input ends</source>
        <translation>abgeschnitten: Datenelement erwartet, die Eingabe endet</translation>
    </message>
    <message>
        <source>truncated: expected %1 argument byte(s), only %2 left</source>
        <translation>abgeschnitten: %1 Argument-Byte(s) erwartet, nur %2 übrig</translation>
    </message>
    <message>
        <source>non-deterministic encoding: argument %1 is not in its shortest form</source>
        <translation>nicht deterministische Kodierung: Argument %1 ist nicht in seiner kürzesten Form</translation>
    </message>
    <message>
        <source>reserved additional information value %1 (malformed initial byte 0x%2)</source>
        <translation>reservierter Wert %1 für Zusatzinformationen (fehlerhaftes Anfangsbyte 0x%2)</translation>
    </message>
    <message>
        <source>indefinite length is not allowed for major type %1</source>
        <translation>unbestimmte Länge ist für Haupttyp %1 nicht zulässig</translation>
    </message>
    <message>
        <source>non-deterministic encoding: indefinite length</source>
        <translation>nicht deterministische Kodierung: unbestimmte Länge</translation>
    </message>
    <message>
        <source>nesting deeper than %1 levels</source>
        <translation>Verschachtelung tiefer als %1 Ebenen</translation>
    </message>
    <message>
        <source>&quot;break&quot; (0xff) outside an indefinite-length item</source>
        <translation>„break“ (0xff) außerhalb eines Elements unbestimmter Länge</translation>
    </message>
    <message>
        <source>text string</source>
        <translation>Text-String</translation>
    </message>
    <message>
        <source>byte string</source>
        <translation>Byte-String</translation>
    </message>
    <message>
        <source>%1 declares %2 bytes but only %3 remain</source>
        <translation>%1: %2 Bytes angegeben, aber nur %3 verbleiben</translation>
    </message>
    <message>
        <source>text string is not valid UTF-8</source>
        <translation>Text-String ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>truncated: expected a chunk or &quot;break&quot; in an indefinite-length %1</source>
        <translation>abgeschnitten: Chunk oder „break“ erwartet (%1 unbestimmter Länge)</translation>
    </message>
    <message>
        <source>expected a definite-length %1 chunk inside an indefinite-length %1</source>
        <translation>Chunk (%1) bestimmter Länge innerhalb von %1 unbestimmter Länge erwartet</translation>
    </message>
    <message>
        <source>%1 declares %2 %3 but only %4 bytes remain</source>
        <translation>%1: %2 %3 angegeben, aber nur %4 Bytes verbleiben</translation>
    </message>
    <message>
        <source>map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>truncated: expected an item or &quot;break&quot; in an indefinite-length %1</source>
        <translation>abgeschnitten: Element oder „break“ erwartet (%1 unbestimmter Länge)</translation>
    </message>
    <message>
        <source>map key without a value before &quot;break&quot;</source>
        <translation>Map-Schlüssel ohne Wert vor „break“</translation>
    </message>
    <message>
        <source>duplicate map key</source>
        <translation>doppelter Map-Schlüssel</translation>
    </message>
    <message>
        <source>non-deterministic encoding: map keys are not in bytewise lexicographic order</source>
        <translation>nicht deterministische Kodierung: Map-Schlüssel sind nicht bytweise lexikografisch sortiert</translation>
    </message>
    <message>
        <source>simple value %1 must use the one-byte form</source>
        <translation>einfacher Wert %1 muss die Ein-Byte-Form verwenden</translation>
    </message>
    <message>
        <source>non-deterministic encoding: float %1 has a shorter exact form</source>
        <translation>nicht deterministische Kodierung: Gleitkommazahl %1 hat eine kürzere exakte Form</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::CharacteristicDefinition</name>
    <message>
        <source>otadesk-characteristics must be a map {1: URI, 2: [characteristics]}</source>
        <translation>otadesk-characteristics muss eine Map {1: URI, 2: [characteristics]} sein</translation>
    </message>
    <message>
        <source>otadesk-characteristics needs the resource-request URI (key 1, text)</source>
        <translation>otadesk-characteristics benötigt die URI für Ressourcenanfragen (Schlüssel 1, Text)</translation>
    </message>
    <message>
        <source>otadesk-characteristics needs a non-empty list of characteristics (key 2)</source>
        <translation>otadesk-characteristics benötigt eine nicht leere Liste von Merkmalen (Schlüssel 2)</translation>
    </message>
    <message>
        <source>otadesk-characteristics: unknown key (only 1 and 2 are defined)</source>
        <translation>otadesk-characteristics: unbekannter Schlüssel (nur 1 und 2 sind definiert)</translation>
    </message>
    <message>
        <source>otadesk-characteristics: unknown characteristic code (1 to 8 are defined)</source>
        <translation>otadesk-characteristics: unbekannter Merkmalscode (1 bis 8 sind definiert)</translation>
    </message>
    <message>
        <source>otadesk-characteristics: %1 must be [code, argument]</source>
        <translation>otadesk-characteristics: %1 muss [code, argument] sein</translation>
    </message>
    <message>
        <source>otadesk-characteristics: %1 takes no argument</source>
        <translation>otadesk-characteristics: %1 erwartet kein Argument</translation>
    </message>
    <message>
        <source>otadesk-characteristics: the argument of %1 must be a component index</source>
        <translation>otadesk-characteristics: Das Argument von %1 muss ein Komponentenindex sein</translation>
    </message>
    <message numerus="yes">
        <source>otadesk-characteristics: %1 names component %2, the manifest has %n component(s)</source>
        <translation>
            <numerusform>otadesk-characteristics: %1 nennt Komponente %2, das Manifest hat %n Komponente</numerusform>
            <numerusform>otadesk-characteristics: %1 nennt Komponente %2, das Manifest hat %n Komponenten</numerusform>
        </translation>
    </message>
    <message>
        <source>otadesk-characteristics: an attribute key must be text (letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;)</source>
        <translation>otadesk-characteristics: Ein Attributschlüssel muss Text sein (Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;)</translation>
    </message>
    <message>
        <source>otadesk-characteristics: %1 is listed twice</source>
        <translation>otadesk-characteristics: %1 ist doppelt aufgeführt</translation>
    </message>
    <message>
        <source>otadesk-characteristics must be a byte string holding a CBOR map</source>
        <translation>otadesk-characteristics muss ein Byte-String mit einer CBOR-Map sein</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::CoseAlgorithms</name>
    <message>
        <source>COSE algorithm %1 is not supported for signatures (supported: ES256 -7, ESP256 -9, EdDSA -8, Ed25519 -19)</source>
        <translation>COSE-Algorithmus %1 wird für Signaturen nicht unterstützt (unterstützt: ES256 -7, ESP256 -9, EdDSA -8, Ed25519 -19)</translation>
    </message>
    <message>
        <source>COSE algorithm %1 needs a %2 key, but the key is %3</source>
        <translation>COSE-Algorithmus %1 benötigt einen %2-Schlüssel, der Schlüssel ist aber vom Typ %3</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::CoseMac0</name>
    <message>
        <source>COSE_Mac0</source>
        <translation>COSE_Mac0</translation>
    </message>
    <message>
        <source>COSE_Mac0: tag must be a byte string</source>
        <translation>COSE_Mac0: Das Tag muss ein Byte-String sein</translation>
    </message>
    <message>
        <source>COSE_Mac0 has no algorithm (label 1) in its protected header</source>
        <translation>COSE_Mac0 hat keinen Algorithmus (Label 1) im geschützten Header</translation>
    </message>
    <message>
        <source>COSE_Mac0 algorithm %1 is not supported (only HMAC 256/256, alg 5)</source>
        <translation>COSE_Mac0-Algorithmus %1 wird nicht unterstützt (nur HMAC 256/256, alg 5)</translation>
    </message>
    <message>
        <source>no MAC key to verify the COSE_Mac0 with</source>
        <translation>kein MAC-Schlüssel zum Prüfen des COSE_Mac0 vorhanden</translation>
    </message>
    <message>
        <source>the COSE_Mac0 payload is detached and none was supplied</source>
        <translation>die Nutzdaten des COSE_Mac0 sind separat (detached), wurden aber nicht übergeben</translation>
    </message>
    <message>
        <source>HMAC 256/256 tag must be 32 bytes, found %1</source>
        <translation>das HMAC-256/256-Tag muss 32 Bytes lang sein, gefunden: %1</translation>
    </message>
    <message>
        <source>the COSE_Mac0 tag does not match (wrong key or modified data)</source>
        <translation>das COSE_Mac0-Tag stimmt nicht überein (falscher Schlüssel oder veränderte Daten)</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::CoseParse</name>
    <message>
        <source>%1: expected CBOR tag %2, found tag %3</source>
        <translation>%1: CBOR-Tag %2 erwartet, Tag %3 gefunden</translation>
    </message>
    <message>
        <source>%1: expected an array of %2 items</source>
        <translation>%1: Array mit %2 Elementen erwartet</translation>
    </message>
    <message>
        <source>COSE protected header must be a byte string</source>
        <translation>Der geschützte COSE-Header muss ein Byte-String sein</translation>
    </message>
    <message>
        <source>COSE protected header must hold a map</source>
        <translation>Der geschützte COSE-Header muss eine Map enthalten</translation>
    </message>
    <message>
        <source>COSE unprotected header must be a map</source>
        <translation>Der ungeschützte COSE-Header muss eine Map sein</translation>
    </message>
    <message>
        <source>COSE crit header must be a non-empty array</source>
        <translation>Der COSE-Header crit muss ein nicht leeres Array sein</translation>
    </message>
    <message>
        <source>COSE header marks a label critical that is not understood</source>
        <translation>Der COSE-Header markiert ein nicht verstandenes Label als kritisch</translation>
    </message>
    <message>
        <source>COSE alg must be an integer</source>
        <translation>Das COSE-Feld alg muss eine Ganzzahl sein</translation>
    </message>
    <message>
        <source>%1: payload must be a byte string or nil</source>
        <translation>%1: Die Nutzdaten müssen ein Byte-String oder nil sein</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::CoseSign1</name>
    <message>
        <source>COSE_Sign1</source>
        <translation>COSE_Sign1</translation>
    </message>
    <message>
        <source>COSE_Sign1: signature must be a byte string</source>
        <translation>COSE_Sign1: Die Signatur muss ein Byte-String sein</translation>
    </message>
    <message>
        <source>no public key to verify the COSE_Sign1 signature with</source>
        <translation>kein öffentlicher Schlüssel zum Prüfen der COSE_Sign1-Signatur vorhanden</translation>
    </message>
    <message>
        <source>COSE_Sign1 has no algorithm (label 1) in its protected header</source>
        <translation>COSE_Sign1 hat keinen Algorithmus (Label 1) im geschützten Header</translation>
    </message>
    <message>
        <source>the COSE_Sign1 payload is detached and none was supplied</source>
        <translation>die Nutzdaten des COSE_Sign1 sind separat (detached), wurden aber nicht übergeben</translation>
    </message>
    <message>
        <source>%1 signature must be 64 bytes, found %2 (truncated or not in COSE form)</source>
        <translation>%1-Signatur muss 64 Bytes lang sein, gefunden: %2 (abgeschnitten oder nicht in COSE-Form)</translation>
    </message>
    <message>
        <source>no private key to sign with</source>
        <translation>kein privater Schlüssel zum Signieren vorhanden</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::EnvelopeSigner</name>
    <message>
        <source>the envelope has no authentication wrapper (key 2)</source>
        <translation>der Umschlag hat keinen Authentifizierungs-Wrapper (Schlüssel 2)</translation>
    </message>
    <message>
        <source>No private key to sign the envelope with.</source>
        <translation>Kein privater Schlüssel zum Signieren des Umschlags vorhanden.</translation>
    </message>
    <message>
        <source>Not a SUIT envelope, nothing was signed: %1</source>
        <translation>Kein SUIT-Umschlag, es wurde nichts signiert: %1</translation>
    </message>
    <message>
        <source>The envelope&apos;s manifest digest uses %1, which OTA Desk cannot check; nothing was signed.</source>
        <translation>Der Manifest-Digest des Umschlags verwendet %1, das OTA Desk nicht prüfen kann; es wurde nichts signiert.</translation>
    </message>
    <message>
        <source>manifest digest</source>
        <translation>Manifest-Digest</translation>
    </message>
    <message>
        <source>The manifest does not match the digest in the authentication wrapper: the envelope was modified after it was built. Nothing was signed; rebuild the envelope. (%1)</source>
        <translation>Das Manifest passt nicht zum Digest im Authentifizierungs-Wrapper: Der Umschlag wurde nach dem Erstellen verändert. Es wurde nichts signiert; erstellen Sie den Umschlag neu. (%1)</translation>
    </message>
    <message>
        <source>The envelope&apos;s manifest does not decode, nothing was signed: %1</source>
        <translation>Das Manifest des Umschlags lässt sich nicht dekodieren, es wurde nichts signiert: %1</translation>
    </message>
    <message>
        <source>The envelope carries a severed %1 that the manifest does not reference; nothing was signed.</source>
        <translation>Der Umschlag enthält ein abgetrenntes Element %1, auf das das Manifest nicht verweist; es wurde nichts signiert.</translation>
    </message>
    <message>
        <source>severed %1</source>
        <translation>abgetrenntes Element %1</translation>
    </message>
    <message>
        <source>The severed %1 does not match its digest in the manifest: the envelope was modified after it was built. Nothing was signed. (%2)</source>
        <translation>Das abgetrennte Element %1 passt nicht zu seinem Digest im Manifest: Der Umschlag wurde nach dem Erstellen verändert. Es wurde nichts signiert. (%2)</translation>
    </message>
    <message>
        <source>The authentication wrapper is not an array; nothing was signed.</source>
        <translation>Der Authentifizierungs-Wrapper ist kein Array; es wurde nichts signiert.</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::Hmac</name>
    <message>
        <source>OpenSSL could not compute HMAC-SHA-256</source>
        <translation>OpenSSL konnte HMAC-SHA-256 nicht berechnen</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::ManifestBuilder</name>
    <message>
        <source>The manifest spec cannot be built: %1</source>
        <translation>Die Manifest-Spezifikation kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Give the component a name (e.g. &quot;main&quot;).</source>
        <translation>Geben Sie der Komponente einen Namen (z. B. „main“).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a usable component name: use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation>„%1“ ist kein verwendbarer Komponentenname: Verwenden Sie Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos; (höchstens 64).</translation>
    </message>
    <message>
        <source>An identifier part must not be empty.</source>
        <translation>Ein Teil des Bezeichners darf nicht leer sein.</translation>
    </message>
    <message>
        <source>The SHA-256 digest of the image is missing: pick the image from the library.</source>
        <translation>Der SHA-256-Digest des Images fehlt: Wählen Sie das Image aus der Bibliothek.</translation>
    </message>
    <message>
        <source>A SHA-256 digest has 32 bytes, this one has %1.</source>
        <translation>Ein SHA-256-Digest hat 32 Bytes, dieser hat %1.</translation>
    </message>
    <message>
        <source>The image size is missing (0 bytes).</source>
        <translation>Die Imagegröße fehlt (0 Bytes).</translation>
    </message>
    <message>
        <source>The component is integrated but its payload is not loaded: set the payload file and load it.</source>
        <translation>Die Komponente ist integriert, aber ihre Nutzdaten sind nicht geladen: Legen Sie die Nutzdatendatei fest und laden Sie sie.</translation>
    </message>
    <message>
        <source>The integrated payload has %1 bytes, the size says %2.</source>
        <translation>Die integrierten Nutzdaten haben %1 Bytes, laut Größenangabe sind es %2.</translation>
    </message>
    <message>
        <source>The integrated payload&apos;s SHA-256 is %1, the digest says %2.</source>
        <translation>Der SHA-256 der integrierten Nutzdaten ist %1, laut Digest %2.</translation>
    </message>
    <message>
        <source>Give the URI the device fetches the image from, or integrate the payload into the envelope.</source>
        <translation>Geben Sie die URI an, von der das Gerät das Image abruft, oder integrieren Sie die Nutzdaten in den Umschlag.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an absolute URI (scheme://host/path).</source>
        <translation>„%1“ ist keine absolute URI (scheme://host/path).</translation>
    </message>
    <message>
        <source>Component &quot;%1&quot; appears more than once: each entry must be the image of a different slot.</source>
        <translation>Komponente „%1“ kommt mehrfach vor: Jeder Eintrag muss das Image eines anderen Slots sein.</translation>
    </message>
    <message>
        <source>Slot %1 of &quot;%2&quot; is given twice.</source>
        <translation>Slot %1 von „%2“ ist doppelt angegeben.</translation>
    </message>
    <message>
        <source>An A/B manifest needs the main component twice: the image for slot 0 and the image for slot 1.</source>
        <translation>Ein A/B-Manifest benötigt die Hauptkomponente zweimal: das Image für Slot 0 und das Image für Slot 1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a characteristic: use %2, component-version:&lt;component&gt;, component-digest:&lt;component&gt; or attribute:&lt;key&gt;.</source>
        <translation>„%1“ ist kein Merkmal: Verwenden Sie %2, component-version:&lt;component&gt;, component-digest:&lt;component&gt; oder attribute:&lt;key&gt;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice.</source>
        <translation>„%1“ ist doppelt aufgeführt.</translation>
    </message>
    <message>
        <source>There is no component &quot;%1&quot; in this manifest.</source>
        <translation>In diesem Manifest gibt es keine Komponente „%1“.</translation>
    </message>
    <message>
        <source>Devices must report characteristics: give the URI they send them to.</source>
        <translation>Geräte müssen Merkmale melden: Geben Sie die URI an, an die sie diese senden.</translation>
    </message>
    <message>
        <source>Give the vendor&apos;s domain name (e.g. example.com): the vendor ID is derived from it.</source>
        <translation>Geben Sie den Domainnamen des Herstellers an (z. B. example.com): Die Hersteller-ID wird daraus abgeleitet.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name (e.g. example.com).</source>
        <translation>„%1“ ist kein Domainname (z. B. example.com).</translation>
    </message>
    <message>
        <source>Give the device model name: the class ID is derived from it.</source>
        <translation>Geben Sie den Modellnamen des Geräts an: Die Klassen-ID wird daraus abgeleitet.</translation>
    </message>
    <message>
        <source>Add at least one component (image).</source>
        <translation>Fügen Sie mindestens eine Komponente (Image) hinzu.</translation>
    </message>
    <message>
        <source>The dependency&apos;s SHA-256 manifest digest must have 32 bytes, this one has %1.</source>
        <translation>Der SHA-256-Manifest-Digest der Abhängigkeit muss 32 Bytes haben, dieser hat %1.</translation>
    </message>
    <message>
        <source>Give the absolute URI the dependency envelope is fetched from.</source>
        <translation>Geben Sie die absolute URI an, von der der Umschlag der Abhängigkeit abgerufen wird.</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::ManifestSpec</name>
    <message>
        <source>Single image</source>
        <translation>Einzelnes Image</translation>
    </message>
    <message>
        <source>A/B slots (install into the inactive slot)</source>
        <translation>A/B-Slots (Installation in den inaktiven Slot)</translation>
    </message>
    <message>
        <source>Image with auxiliary files</source>
        <translation>Image mit Zusatzdateien</translation>
    </message>
    <message>
        <source>Multiple components</source>
        <translation>Mehrere Komponenten</translation>
    </message>
    <message>
        <source>components[%1].payloadFile: component &apos;%2&apos; is integrated but names no payload file</source>
        <translation>components[%1].payloadFile: Komponente &apos;%2&apos; ist integriert, nennt aber keine Nutzdatendatei</translation>
    </message>
    <message>
        <source>components[%1].payloadFile: cannot read %2: %3</source>
        <translation>components[%1].payloadFile: %2 kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>manifest spec field %1: expected an object</source>
        <translation>Feld %1 der Manifest-Spezifikation: Objekt erwartet</translation>
    </message>
    <message>
        <source>expected &quot;%1&quot;, found &quot;%2&quot;</source>
        <translation>„%1“ erwartet, „%2“ gefunden</translation>
    </message>
    <message>
        <source>version %1 was written by a newer OTA Desk; this one reads version 1</source>
        <translation>Version %1 wurde von einer neueren Version von OTA Desk geschrieben; diese liest Version 1</translation>
    </message>
    <message>
        <source>unknown template &quot;%1&quot; (known: %2)</source>
        <translation>unbekannte Vorlage „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <source>manifest spec field %1: %2</source>
        <translation>Feld %1 der Manifest-Spezifikation: %2</translation>
    </message>
    <message>
        <source>unknown field (known: %1)</source>
        <translation>unbekanntes Feld (bekannt: %1)</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>Zeichenkette erwartet</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>true oder false erwartet</translation>
    </message>
    <message>
        <source>expected a non-negative integer, found &quot;%1&quot;</source>
        <translation>nicht negative Ganzzahl erwartet, „%1“ gefunden</translation>
    </message>
    <message>
        <source>expected a non-negative integer</source>
        <translation>nicht negative Ganzzahl erwartet</translation>
    </message>
    <message>
        <source>expected hexadecimal digits, found &apos;%1&apos;</source>
        <translation>Hexadezimalziffern erwartet, &apos;%1&apos; gefunden</translation>
    </message>
    <message>
        <source>odd number of hexadecimal digits</source>
        <translation>ungerade Anzahl von Hexadezimalziffern</translation>
    </message>
    <message>
        <source>expected an array</source>
        <translation>Array erwartet</translation>
    </message>
    <message>
        <source>expected a hexadecimal string</source>
        <translation>hexadezimale Zeichenkette erwartet</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::SequenceRegistry</name>
    <message>
        <source>Cannot read the sequence-number record %1: %2</source>
        <translation>Die Sequenznummern-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The sequence-number record %1 is damaged (%2). Nothing was changed; restore it from a backup or repair it by hand.</source>
        <translation>Die Sequenznummern-Datei %1 ist beschädigt (%2). Es wurde nichts geändert; stellen Sie sie aus einer Sicherung wieder her oder reparieren Sie sie von Hand.</translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1 bei Byte %2</translation>
    </message>
    <message>
        <source>not an OTA Desk sequence-number file</source>
        <translation>keine Sequenznummern-Datei von OTA Desk</translation>
    </message>
    <message>
        <source>unknown version %1</source>
        <translation>unbekannte Version %1</translation>
    </message>
    <message>
        <source>entry %1 is incomplete</source>
        <translation>Eintrag %1 ist unvollständig</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write the sequence-number record %1: %2</source>
        <translation>Die Sequenznummern-Datei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Give the product the manifest is for: sequence numbers are counted per product.</source>
        <translation>Geben Sie das Produkt an, für das das Manifest bestimmt ist: Sequenznummern werden pro Produkt gezählt.</translation>
    </message>
    <message>
        <source>The manifest digest must be a 32-byte SHA-256, this one has %1 bytes.</source>
        <translation>Der Manifest-Digest muss ein 32-Byte-SHA-256 sein, dieser hat %1 Bytes.</translation>
    </message>
    <message>
        <source>sequence number %1 is not above %2, already published for %3 on %4; use %5 or higher so devices accept the update.</source>
        <translation>Sequenznummer %1 ist nicht größer als %2, die bereits am %4 für %3 veröffentlicht wurde; verwenden Sie %5 oder höher, damit Geräte das Update akzeptieren.</translation>
    </message>
    <message>
        <source>The sequence numbers of %1 are exhausted.</source>
        <translation>Die Sequenznummern von %1 sind erschöpft.</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::SuitCommandDecoder</name>
    <message>
        <source>command sequences nested deeper than %1 levels</source>
        <translation>Befehlssequenzen tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>a command sequence must be a byte string holding CBOR</source>
        <translation>eine Befehlssequenz muss ein Byte-String mit CBOR sein</translation>
    </message>
    <message>
        <source>a command sequence must be an array of (command, argument) pairs</source>
        <translation>eine Befehlssequenz muss ein Array aus Paaren (Befehl, Argument) sein</translation>
    </message>
    <message>
        <source>a command code must be an integer</source>
        <translation>ein Befehlscode muss eine Ganzzahl sein</translation>
    </message>
    <message>
        <source>directive-try-each needs an array of sequences</source>
        <translation>directive-try-each benötigt ein Array von Sequenzen</translation>
    </message>
    <message>
        <source>directive-set-component-index needs an index, true or a list</source>
        <translation>directive-set-component-index benötigt einen Index, true oder eine Liste</translation>
    </message>
    <message>
        <source>parameters must be a map</source>
        <translation>Parameter müssen eine Map sein</translation>
    </message>
    <message>
        <source>a parameter key must be an integer</source>
        <translation>ein Parameterschlüssel muss eine Ganzzahl sein</translation>
    </message>
    <message>
        <source>parameter %1 must be %2</source>
        <translation>Parameter %1 muss %2 sein</translation>
    </message>
    <message>
        <source>a 16-byte UUID</source>
        <translation>eine 16-Byte-UUID</translation>
    </message>
    <message>
        <source>a byte string holding a SUIT_Digest</source>
        <translation>ein Byte-String mit einem SUIT_Digest</translation>
    </message>
    <message>
        <source>an unsigned integer</source>
        <translation>eine vorzeichenlose Ganzzahl</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a text string (URI)</source>
        <translation>ein Text-String (URI)</translation>
    </message>
    <message>
        <source>a byte string</source>
        <translation>ein Byte-String</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::SuitDecoder</name>
    <message>
        <source>the authentication wrapper must be [bstr digest, * bstr blocks]</source>
        <translation>der Authentifizierungs-Wrapper muss [bstr digest, * bstr blocks] sein</translation>
    </message>
    <message>
        <source>authentication block %1 must be a byte string</source>
        <translation>Authentifizierungsblock %1 muss ein Byte-String sein</translation>
    </message>
    <message>
        <source>expected a SUIT envelope (tag 107), found tag %1</source>
        <translation>SUIT-Umschlag (Tag 107) erwartet, Tag %1 gefunden</translation>
    </message>
    <message>
        <source>a SUIT envelope must be a map</source>
        <translation>ein SUIT-Umschlag muss eine Map sein</translation>
    </message>
    <message>
        <source>integrated payload &quot;%1&quot; must be a byte string</source>
        <translation>integrierte Nutzdaten „%1“ müssen ein Byte-String sein</translation>
    </message>
    <message>
        <source>envelope keys must be integers or text</source>
        <translation>Umschlagschlüssel müssen Ganzzahlen oder Text sein</translation>
    </message>
    <message>
        <source>envelope member %1 must be a byte string</source>
        <translation>Umschlagelement %1 muss ein Byte-String sein</translation>
    </message>
    <message>
        <source>unknown envelope member %1</source>
        <translation>unbekanntes Umschlagelement %1</translation>
    </message>
    <message>
        <source>the envelope has no authentication wrapper (key 2)</source>
        <translation>der Umschlag hat keinen Authentifizierungs-Wrapper (Schlüssel 2)</translation>
    </message>
    <message>
        <source>the envelope has no manifest (key 3)</source>
        <translation>der Umschlag hat kein Manifest (Schlüssel 3)</translation>
    </message>
    <message>
        <source>common must be a byte string holding a map</source>
        <translation>common muss ein Byte-String mit einer Map sein</translation>
    </message>
    <message>
        <source>common must be a map</source>
        <translation>common muss eine Map sein</translation>
    </message>
    <message>
        <source>components must be a non-empty array</source>
        <translation>components muss ein nicht leeres Array sein</translation>
    </message>
    <message>
        <source>a component identifier must be an array of byte strings</source>
        <translation>ein Komponentenbezeichner muss ein Array von Byte-Strings sein</translation>
    </message>
    <message>
        <source>dependencies must be a map</source>
        <translation>dependencies muss eine Map sein</translation>
    </message>
    <message>
        <source>a dependency must be component-index =&gt; map</source>
        <translation>eine Abhängigkeit muss component-index =&gt; map sein</translation>
    </message>
    <message>
        <source>%1 must be a byte string or a SUIT_Digest of the severed member</source>
        <translation>%1 muss ein Byte-String oder ein SUIT_Digest des abgetrennten Elements sein</translation>
    </message>
    <message>
        <source>the manifest must be a map</source>
        <translation>das Manifest muss eine Map sein</translation>
    </message>
    <message>
        <source>manifest keys must be integers</source>
        <translation>Manifestschlüssel müssen Ganzzahlen sein</translation>
    </message>
    <message>
        <source>manifest-version must be an unsigned integer</source>
        <translation>manifest-version muss eine vorzeichenlose Ganzzahl sein</translation>
    </message>
    <message>
        <source>manifest-sequence-number must be an unsigned integer</source>
        <translation>manifest-sequence-number muss eine vorzeichenlose Ganzzahl sein</translation>
    </message>
    <message>
        <source>reference-uri must be a text string</source>
        <translation>reference-uri muss ein Text-String sein</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::SuitDigest</name>
    <message>
        <source>SUIT_Digest must be an array [algorithm, bytes]</source>
        <translation>SUIT_Digest muss ein Array [algorithm, bytes] sein</translation>
    </message>
    <message>
        <source>SUIT_Digest must be [int algorithm, bstr digest]</source>
        <translation>SUIT_Digest muss [int algorithm, bstr digest] sein</translation>
    </message>
    <message>
        <source>digest algorithm %1</source>
        <translation>Digest-Algorithmus %1</translation>
    </message>
    <message>
        <source>%1 is not supported (SHA-256, SHA-384 and SHA-512 are)</source>
        <translation>%1 wird nicht unterstützt (unterstützt werden SHA-256, SHA-384 und SHA-512)</translation>
    </message>
    <message>
        <source>%1: %2 is %3 but the manifest expects %4</source>
        <translation>%1: %2 ist %3, das Manifest erwartet aber %4</translation>
    </message>
</context>
<context>
    <name>otadesk::manifest::SuitVerifier</name>
    <message>
        <source>%1 (byte %2)</source>
        <translation>%1 (Byte %2)</translation>
    </message>
    <message>
        <source>block %1: %2</source>
        <translation>Block %1: %2</translation>
    </message>
    <message>
        <source>no algorithm</source>
        <translation>kein Algorithmus</translation>
    </message>
    <message>
        <source>block %1: the COSE payload is not the manifest digest</source>
        <translation>Block %1: Die COSE-Nutzdaten sind nicht der Manifest-Digest</translation>
    </message>
    <message>
        <source>block %1: %2 signature, but no trusted public key was given</source>
        <translation>Block %1: %2-Signatur, aber es wurde kein vertrauenswürdiger öffentlicher Schlüssel angegeben</translation>
    </message>
    <message>
        <source>block %1: %2 signature valid for key &apos;%3&apos;</source>
        <translation>Block %1: %2-Signatur gültig für Schlüssel &apos;%3&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>block %1: no trusted key verifies the %2 signature (%3)</source>
        <translation>Block %1: Kein vertrauenswürdiger Schlüssel verifiziert die %2-Signatur (%3)</translation>
    </message>
    <message>
        <source>block %1: COSE_Mac0: %2</source>
        <translation>Block %1: COSE_Mac0: %2</translation>
    </message>
    <message>
        <source>shared MAC key</source>
        <translation>gemeinsamer MAC-Schlüssel</translation>
    </message>
    <message>
        <source>block %1: COSE_Mac0 HMAC 256/256 tag valid for the shared key</source>
        <translation>Block %1: COSE_Mac0-Tag (HMAC 256/256) gültig für den gemeinsamen Schlüssel</translation>
    </message>
    <message>
        <source>%1 at byte %2</source>
        <translation>%1 bei Byte %2</translation>
    </message>
    <message>
        <source>the manifest does not decode: %1</source>
        <translation>das Manifest lässt sich nicht dekodieren: %1</translation>
    </message>
    <message numerus="yes">
        <source>manifest decoded: %n component(s)</source>
        <translation>
            <numerusform>Manifest dekodiert: %n Komponente</numerusform>
            <numerusform>Manifest dekodiert: %n Komponenten</numerusform>
        </translation>
    </message>
    <message>
        <source>manifest-version 1</source>
        <translation>manifest-version 1</translation>
    </message>
    <message>
        <source>manifest-version is %1, only 1 is defined</source>
        <translation>manifest-version ist %1, nur 1 ist definiert</translation>
    </message>
    <message>
        <source>common has no components (key 2)</source>
        <translation>common hat keine Komponenten (Schlüssel 2)</translation>
    </message>
    <message numerus="yes">
        <source>%n component(s)</source>
        <translation>
            <numerusform>%n Komponente</numerusform>
            <numerusform>%n Komponenten</numerusform>
        </translation>
    </message>
    <message>
        <source>all commands are known</source>
        <translation>alle Befehle sind bekannt</translation>
    </message>
    <message>
        <source>unknown critical command(s): %1</source>
        <translation>unbekannte kritische Befehle: %1</translation>
    </message>
    <message>
        <source>unknown manifest member(s): %1</source>
        <translation>unbekannte Manifestelemente: %1</translation>
    </message>
    <message>
        <source>the manifest has no sequence number (key 2)</source>
        <translation>das Manifest hat keine Sequenznummer (Schlüssel 2)</translation>
    </message>
    <message>
        <source>sequence number %1 is below %2: a rollback to an older manifest</source>
        <translation>Sequenznummer %1 liegt unter %2: ein Rollback auf ein älteres Manifest</translation>
    </message>
    <message>
        <source>sequence number %1 (minimum %2)</source>
        <translation>Sequenznummer %1 (Minimum %2)</translation>
    </message>
    <message>
        <source>sequence number %1</source>
        <translation>Sequenznummer %1</translation>
    </message>
    <message>
        <source>otadesk-characteristics is malformed: %1</source>
        <translation>otadesk-characteristics ist fehlerhaft: %1</translation>
    </message>
    <message numerus="yes">
        <source>otadesk-characteristics: %n characteristic(s) reported to %1</source>
        <translation>
            <numerusform>otadesk-characteristics: %n Merkmal wird an %1 gemeldet</numerusform>
            <numerusform>otadesk-characteristics: %n Merkmale werden an %1 gemeldet</numerusform>
        </translation>
    </message>
    <message>
        <source>the envelope holds a severed %1 (key %2) that the manifest does not reference by digest</source>
        <translation>der Umschlag enthält ein abgetrenntes Element %1 (Schlüssel %2), auf das das Manifest nicht per Digest verweist</translation>
    </message>
    <message>
        <source>severed %1</source>
        <translation>abgetrenntes Element %1</translation>
    </message>
    <message>
        <source>severed %1 matches its %2 digest</source>
        <translation>abgetrenntes Element %1 passt zu seinem %2-Digest</translation>
    </message>
    <message>
        <source>not a valid SUIT envelope: %1</source>
        <translation>kein gültiger SUIT-Umschlag: %1</translation>
    </message>
    <message>
        <source>envelope with authentication wrapper and manifest</source>
        <translation>Umschlag mit Authentifizierungs-Wrapper und Manifest</translation>
    </message>
    <message>
        <source>the authentication wrapper (key 2) must be encoded before the manifest (key 3)</source>
        <translation>der Authentifizierungs-Wrapper (Schlüssel 2) muss vor dem Manifest (Schlüssel 3) kodiert sein</translation>
    </message>
    <message>
        <source>the authentication wrapper holds no signature or MAC</source>
        <translation>der Authentifizierungs-Wrapper enthält weder Signatur noch MAC</translation>
    </message>
    <message numerus="yes">
        <source>%n authentication block(s)</source>
        <translation>
            <numerusform>%n Authentifizierungsblock</numerusform>
            <numerusform>%n Authentifizierungsblöcke</numerusform>
        </translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>%1 is not supported (SHA-256, SHA-384 and SHA-512 are)</source>
        <translation>%1 wird nicht unterstützt (unterstützt werden SHA-256, SHA-384 und SHA-512)</translation>
    </message>
    <message>
        <source>manifest digest over the key 3 byte string (header included)</source>
        <translation>Manifest-Digest über den Byte-String von Schlüssel 3 (einschließlich Header)</translation>
    </message>
    <message>
        <source>manifest digest matches (%1)</source>
        <translation>Manifest-Digest stimmt überein (%1)</translation>
    </message>
    <message>
        <source>block %1: only COSE_Sign1 (tag 18) and COSE_Mac0 (tag 17) are supported</source>
        <translation>Block %1: Nur COSE_Sign1 (Tag 18) und COSE_Mac0 (Tag 17) werden unterstützt</translation>
    </message>
</context>
<context>
    <name>otadesk::protocol</name>
    <message>
        <source>&quot;%1&quot; must be a string of at most %2 characters without control characters.</source>
        <translation>&quot;%1&quot; muss eine Zeichenkette mit höchstens %2 Zeichen ohne Steuerzeichen sein.</translation>
    </message>
    <message>
        <source>components[%1] must be an object with name and version.</source>
        <translation>components[%1] muss ein Objekt mit name und version sein.</translation>
    </message>
    <message>
        <source>components[%1].name must be a non-empty string of at most 64 characters.</source>
        <translation>components[%1].name muss eine nicht leere Zeichenkette mit höchstens 64 Zeichen sein.</translation>
    </message>
    <message>
        <source>components[%1].version must be a non-empty string of at most 64 characters.</source>
        <translation>components[%1].version muss eine nicht leere Zeichenkette mit höchstens 64 Zeichen sein.</translation>
    </message>
    <message>
        <source>components[%1].digest must be a SHA-256 in hex (64 digits).</source>
        <translation>components[%1].digest muss ein SHA-256 in Hex sein (64 Ziffern).</translation>
    </message>
    <message>
        <source>components[%1].slot must be an integer from 0 to 15.</source>
        <translation>components[%1].slot muss eine ganze Zahl von 0 bis 15 sein.</translation>
    </message>
</context>
<context>
    <name>otadesk::protocol::CheckinAnswer</name>
    <message>
        <source>The server&apos;s check-in answer is not a JSON object.</source>
        <translation>Die Check-in-Antwort des Servers ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The server&apos;s check-in answer has no poll interval.</source>
        <translation>Die Check-in-Antwort des Servers enthält kein Abfrageintervall.</translation>
    </message>
</context>
<context>
    <name>otadesk::protocol::CheckinReport</name>
    <message>
        <source>The check-in report is larger than %1 bytes.</source>
        <translation>Der Check-in-Bericht ist größer als %1 Bytes.</translation>
    </message>
    <message>
        <source>The check-in report must be a JSON object (%1 at byte %2).</source>
        <translation>Der Check-in-Bericht muss ein JSON-Objekt sein (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>&quot;components&quot; must be an array.</source>
        <translation>&quot;components&quot; muss ein Array sein.</translation>
    </message>
    <message>
        <source>At most %1 components can be reported.</source>
        <translation>Es können höchstens %1 Komponenten gemeldet werden.</translation>
    </message>
    <message>
        <source>The component &quot;%1&quot; is reported twice.</source>
        <translation>Die Komponente &quot;%1&quot; wird zweimal gemeldet.</translation>
    </message>
    <message>
        <source>&quot;attributes&quot; must be an object of strings.</source>
        <translation>&quot;attributes&quot; muss ein Objekt aus Zeichenketten sein.</translation>
    </message>
    <message>
        <source>At most %1 attributes can be reported.</source>
        <translation>Es können höchstens %1 Attribute gemeldet werden.</translation>
    </message>
    <message>
        <source>The attribute &quot;%1&quot; must have a name of at most 64 characters and a string value of at most 256.</source>
        <translation>Das Attribut &quot;%1&quot; muss einen Namen mit höchstens 64 Zeichen und einen Zeichenkettenwert mit höchstens 256 Zeichen haben.</translation>
    </message>
</context>
<context>
    <name>otadesk::protocol::ResolveRequest</name>
    <message>
        <source>The request has no body; send the characteristic report as a CBOR map.</source>
        <translation>Die Anfrage hat keinen Rumpf; senden Sie den Merkmalsbericht als CBOR-Map.</translation>
    </message>
    <message>
        <source>The characteristic report has %1 bytes; at most %2 are allowed.</source>
        <translation>Der Merkmalsbericht hat %1 Bytes; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <source>The characteristic report is not valid CBOR: %1</source>
        <translation>Der Merkmalsbericht ist kein gültiges CBOR: %1</translation>
    </message>
    <message>
        <source>The characteristic report must be a CBOR map.</source>
        <translation>Der Merkmalsbericht muss eine CBOR-Map sein.</translation>
    </message>
    <message>
        <source>The characteristic report has %1 entries; at most %2 are allowed.</source>
        <translation>Der Merkmalsbericht hat %1 Einträge; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <source>Key 0 (the manifest&apos;s SUIT_Digest) must be a non-empty byte string.</source>
        <translation>Schlüssel 0 (der SUIT_Digest des Manifests) muss ein nicht leerer Byte-String sein.</translation>
    </message>
    <message>
        <source>Key at byte %1 is neither 0, a characteristic code nor a [code, argument] pair.</source>
        <translation>Der Schlüssel bei Byte %1 ist weder 0 noch ein Merkmalscode noch ein Paar [code, argument].</translation>
    </message>
    <message>
        <source>Characteristic code %1 at byte %2 is unknown or has the wrong form (codes 1-5 stand alone, 6-8 are [code, argument] pairs).</source>
        <translation>Merkmalscode %1 bei Byte %2 ist unbekannt oder hat die falsche Form (Codes 1-5 stehen allein, 6-8 sind Paare [code, argument]).</translation>
    </message>
    <message>
        <source>The value of characteristic %1 at byte %2 must be %3.</source>
        <translation>Der Wert von Merkmal %1 bei Byte %2 muss %3 sein.</translation>
    </message>
    <message>
        <source>a 16-byte UUID</source>
        <translation>eine 16-Byte-UUID</translation>
    </message>
    <message>
        <source>a text string of at most 256 bytes</source>
        <translation>ein Text-String von höchstens 256 Bytes</translation>
    </message>
    <message>
        <source>The component index of characteristic %1 at byte %2 must be an integer 0-255.</source>
        <translation>Der Komponentenindex von Merkmal %1 bei Byte %2 muss eine Ganzzahl 0-255 sein.</translation>
    </message>
    <message>
        <source>a version text of at most 64 bytes</source>
        <translation>ein Versionstext von höchstens 64 Bytes</translation>
    </message>
    <message>
        <source>a SUIT_Digest [algorithm, bytes] (%1)</source>
        <translation>ein SUIT_Digest [algorithm, bytes] (%1)</translation>
    </message>
    <message>
        <source>The attribute key at byte %1 must be a text string of 1-64 bytes.</source>
        <translation>Der Attributschlüssel bei Byte %1 muss ein Text-String von 1-64 Bytes sein.</translation>
    </message>
    <message>
        <source>text, an integer, a byte string or a boolean (at most 256 characters)</source>
        <translation>Text, eine Ganzzahl, ein Byte-String oder ein boolescher Wert (höchstens 256 Zeichen)</translation>
    </message>
    <message>
        <source>The characteristic report lacks key 0, the manifest&apos;s SUIT_Digest.</source>
        <translation>Dem Merkmalsbericht fehlt Schlüssel 0, der SUIT_Digest des Manifests.</translation>
    </message>
</context>
<context>
    <name>otadesk::server</name>
    <message>
        <source>Invalid setting %1 = &quot;%2&quot; (from %3): %4</source>
        <translation>Ungültige Einstellung %1 = &quot;%2&quot; (aus %3): %4</translation>
    </message>
    <message>
        <source>expected a whole number from %1 to %2</source>
        <translation>erwartet wird eine ganze Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Setting %1 is given but %2 is not; HTTPS needs both the certificate and the key.</source>
        <translation>Die Einstellung %1 ist angegeben, %2 jedoch nicht; HTTPS benötigt sowohl das Zertifikat als auch den Schlüssel.</translation>
    </message>
    <message>
        <source>no PEM certificate in the file</source>
        <translation>kein PEM-Zertifikat in der Datei</translation>
    </message>
    <message>
        <source>no unencrypted PEM private key (EC or RSA) in the file</source>
        <translation>kein unverschlüsselter privater PEM-Schlüssel (EC oder RSA) in der Datei</translation>
    </message>
    <message>
        <source>Cannot read the config file %1.</source>
        <translation>Die Konfigurationsdatei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The config file %1 is not a valid INI file.</source>
        <translation>Die Konfigurationsdatei %1 ist keine gültige INI-Datei.</translation>
    </message>
    <message>
        <source>config file %1</source>
        <translation>Konfigurationsdatei %1</translation>
    </message>
    <message>
        <source>Unknown key &quot;%1&quot; in the config file %2 is ignored (settings go into the [server] section: %3).</source>
        <translation>Der unbekannte Schlüssel „%1“ in der Konfigurationsdatei %2 wird ignoriert (Einstellungen gehören in den Abschnitt [server]: %3).</translation>
    </message>
    <message>
        <source>environment variable %1</source>
        <translation>Umgebungsvariable %1</translation>
    </message>
    <message>
        <source>option --%1</source>
        <translation>Option --%1</translation>
    </message>
    <message>
        <source>expected an IP address, &quot;localhost&quot; or &quot;*&quot;</source>
        <translation>erwartet wird eine IP-Adresse, „localhost“ oder „*“</translation>
    </message>
    <message>
        <source>expected json or text</source>
        <translation>erwartet wird json oder text</translation>
    </message>
    <message>
        <source>The query parameter %1 must be a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>Der Abfrageparameter %1 muss eine ganze Zahl von %2 bis %3 sein, nicht &quot;%4&quot;.</translation>
    </message>
    <message>
        <source>The query parameter order must be asc or desc, not &quot;%1&quot;.</source>
        <translation>Der Abfrageparameter order muss asc oder desc sein, nicht &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No such %1.</source>
        <translation>%1 nicht gefunden.</translation>
    </message>
    <message>
        <source>tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Only server administrators can create tenants.</source>
        <translation>Nur Serveradministratoren können Mandanten anlegen.</translation>
    </message>
    <message>
        <source>A new tenant needs &quot;name&quot; and &quot;admin_account&quot;.</source>
        <translation>Ein neuer Mandant benötigt &quot;name&quot; und &quot;admin_account&quot;.</translation>
    </message>
    <message>
        <source>A tenant named &quot;%1&quot; exists already.</source>
        <translation>Ein Mandant namens &quot;%1&quot; existiert bereits.</translation>
    </message>
    <message>
        <source>first token, issued by %1</source>
        <translation>erstes Token, ausgestellt von %1</translation>
    </message>
    <message>
        <source>&quot;role&quot; must be one of admin, release-manager, author, technician, viewer.</source>
        <translation>&quot;role&quot; muss admin, release-manager, author, technician oder viewer sein.</translation>
    </message>
    <message>
        <source>account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is the tenant&apos;s last administrator; make another account admin first.</source>
        <translation>&quot;%1&quot; ist der letzte Administrator des Mandanten; machen Sie zuerst ein anderes Konto zum Administrator.</translation>
    </message>
    <message>
        <source>Your role (%1) may only create tokens for your own account.</source>
        <translation>Ihre Rolle (%1) darf nur Tokens für Ihr eigenes Konto erstellen.</translation>
    </message>
    <message>
        <source>&quot;expires_in_days&quot; must be from 1 to 3650.</source>
        <translation>&quot;expires_in_days&quot; muss zwischen 1 und 3650 liegen.</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Send the public key as &quot;public_key_pem&quot; (-----BEGIN PUBLIC KEY-----).</source>
        <translation>Senden Sie den öffentlichen Schlüssel als &quot;public_key_pem&quot; (-----BEGIN PUBLIC KEY-----).</translation>
    </message>
    <message>
        <source>No such key.</source>
        <translation>Schlüssel nicht gefunden.</translation>
    </message>
    <message>
        <source>Send the signed SUIT envelope (CBOR) as the request body.</source>
        <translation>Senden Sie den signierten SUIT-Umschlag (CBOR) als Anfrageinhalt.</translation>
    </message>
    <message>
        <source>This is not a SUIT envelope the server can read: %1</source>
        <translation>Dies ist kein SUIT-Umschlag, den der Server lesen kann: %1</translation>
    </message>
    <message>
        <source>no manifest</source>
        <translation>kein Manifest</translation>
    </message>
    <message>
        <source>The tenant has no registered public keys; register the signer&apos;s key first (POST /api/v1/keys).</source>
        <translation>Der Mandant hat keine registrierten öffentlichen Schlüssel; registrieren Sie zuerst den Schlüssel des Signierenden (POST /api/v1/keys).</translation>
    </message>
    <message>
        <source>The envelope is signed with a key the tenant has not registered (kid %1).</source>
        <translation>Der Umschlag ist mit einem Schlüssel signiert, den der Mandant nicht registriert hat (kid %1).</translation>
    </message>
    <message>
        <source>The envelope does not verify: %1</source>
        <translation>Der Umschlag lässt sich nicht verifizieren: %1</translation>
    </message>
    <message>
        <source>The product name is too long.</source>
        <translation>Der Produktname ist zu lang.</translation>
    </message>
    <message>
        <source>No such manifest: %1</source>
        <translation>Manifest nicht gefunden: %1</translation>
    </message>
    <message>
        <source>The envelope of manifest %1 is missing from the data folder.</source>
        <translation>Der Umschlag von Manifest %1 fehlt im Datenordner.</translation>
    </message>
    <message>
        <source>No such payload: %1</source>
        <translation>Payload nicht gefunden: %1</translation>
    </message>
    <message>
        <source>The bytes of payload %1 are missing from the data folder.</source>
        <translation>Die Bytes der Payload %1 fehlen im Datenordner.</translation>
    </message>
    <message>
        <source>The payload has %1 bytes; the requested range is outside.</source>
        <translation>Die Payload hat %1 Bytes; der angeforderte Bereich liegt außerhalb.</translation>
    </message>
    <message>
        <source>No such upload: %1</source>
        <translation>Upload nicht gefunden: %1</translation>
    </message>
    <message>
        <source>The upload %1 is %2; start a new one.</source>
        <translation>Der Upload %1 ist %2; starten Sie einen neuen.</translation>
    </message>
    <message>
        <source>&quot;size&quot; must be the payload&apos;s size in bytes (0 to %1).</source>
        <translation>&quot;size&quot; muss die Größe der Payload in Bytes sein (0 bis %1).</translation>
    </message>
    <message>
        <source>&quot;sha256&quot; must be 64 hexadecimal digits.</source>
        <translation>&quot;sha256&quot; muss aus 64 Hexadezimalziffern bestehen.</translation>
    </message>
    <message>
        <source>&quot;name&quot; is longer than 255 characters.</source>
        <translation>&quot;name&quot; ist länger als 255 Zeichen.</translation>
    </message>
    <message>
        <source>The part offset must be a whole number of bytes.</source>
        <translation>Der Offset des Teils muss eine ganze Zahl von Bytes sein.</translation>
    </message>
    <message>
        <source>The part is empty.</source>
        <translation>Der Teil ist leer.</translation>
    </message>
    <message>
        <source>A part may hold at most %1 bytes; this one has %2.</source>
        <translation>Ein Teil darf höchstens %1 Bytes enthalten; dieser hat %2.</translation>
    </message>
    <message>
        <source>The part ends at byte %1, beyond the announced size of %2 bytes.</source>
        <translation>Der Teil endet bei Byte %1, jenseits der angekündigten Größe von %2 Bytes.</translation>
    </message>
    <message>
        <source>The upload %1 continues at byte %2, not %3.</source>
        <translation>Der Upload %1 wird bei Byte %2 fortgesetzt, nicht bei %3.</translation>
    </message>
    <message>
        <source>Finish the upload with its &quot;sha256&quot; (64 hexadecimal digits).</source>
        <translation>Schließen Sie den Upload mit seinem &quot;sha256&quot; ab (64 Hexadezimalziffern).</translation>
    </message>
    <message>
        <source>The SHA-256 differs from the one announced when the upload was created.</source>
        <translation>Der SHA-256 weicht von dem beim Anlegen des Uploads angekündigten ab.</translation>
    </message>
    <message>
        <source>The upload %1 has %2 of %3 bytes; send the rest first.</source>
        <translation>Der Upload %1 hat %2 von %3 Bytes; senden Sie zuerst den Rest.</translation>
    </message>
    <message>
        <source>The upload was discarded.</source>
        <translation>Der Upload wurde verworfen.</translation>
    </message>
    <message>
        <source>expected a URI path that starts and ends with /, e.g. /_otadesk_blobs/</source>
        <translation>erwartet wird ein URI-Pfad, der mit / beginnt und endet, z. B. /_otadesk_blobs/</translation>
    </message>
    <message>
        <source>next to the database</source>
        <translation>neben der Datenbank</translation>
    </message>
    <message>
        <source>Invalid setting data_dir: a PostgreSQL database needs a data folder for payloads (--data-dir DIR, OTADESK_SERVER_DATA_DIR or data_dir in the config file).</source>
        <translation>Ungültige Einstellung data_dir: Eine PostgreSQL-Datenbank benötigt einen Datenordner für Payloads (--data-dir DIR, OTADESK_SERVER_DATA_DIR oder data_dir in der Konfigurationsdatei).</translation>
    </message>
    <message>
        <source>Cannot sort by &quot;%1&quot;; use one of %2.</source>
        <translation>Sortieren nach &quot;%1&quot; ist nicht möglich; verwenden Sie eines von %2.</translation>
    </message>
    <message>
        <source>A tag has at most 128 characters.</source>
        <translation>Ein Tag hat höchstens 128 Zeichen.</translation>
    </message>
    <message>
        <source>Metadata names have 1 to 128 characters, values at most 1024.</source>
        <translation>Metadatennamen haben 1 bis 128 Zeichen, Werte höchstens 1024.</translation>
    </message>
    <message>
        <source>A device&apos;s status can be set to accepted or rejected.</source>
        <translation>Der Status eines Geräts kann auf accepted oder rejected gesetzt werden.</translation>
    </message>
    <message>
        <source>first_line must be a positive number.</source>
        <translation>first_line muss eine positive Zahl sein.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of the file have problems; nothing was registered. Fix them, or import only the valid rows (all_or_nothing=false).</source>
        <translation>
            <numerusform>%n Zeile der Datei hat Probleme; es wurde nichts registriert. Beheben Sie sie oder importieren Sie nur die gültigen Zeilen (all_or_nothing=false).</numerusform>
            <numerusform>%n Zeilen der Datei haben Probleme; es wurde nichts registriert. Beheben Sie sie oder importieren Sie nur die gültigen Zeilen (all_or_nothing=false).</numerusform>
        </translation>
    </message>
    <message>
        <source>A dynamic group needs a filter, e.g. &quot;model==GW-200;tag==beta&quot;.</source>
        <translation>Eine dynamische Gruppe benötigt einen Filter, z. B. &quot;model==GW-200;tag==beta&quot;.</translation>
    </message>
    <message>
        <source>A static group has members, not a filter; add devices to it instead.</source>
        <translation>Eine statische Gruppe hat Mitglieder, keinen Filter; fügen Sie ihr stattdessen Geräte hinzu.</translation>
    </message>
    <message>
        <source>The group %1 is dynamic: its members are the devices matching its filter.</source>
        <translation>Die Gruppe %1 ist dynamisch: Ihre Mitglieder sind die Geräte, die zu ihrem Filter passen.</translation>
    </message>
    <message>
        <source>expires_in_days must be from 1 to 3650.</source>
        <translation>expires_in_days muss zwischen 1 und 3650 liegen.</translation>
    </message>
    <message>
        <source>No such enrolment token.</source>
        <translation>Registrierungstoken nicht gefunden.</translation>
    </message>
    <message>
        <source>This credential belongs to device %1; a device can check in only as itself.</source>
        <translation>Diese Anmeldedaten gehören zu Gerät %1; ein Gerät kann nur als es selbst einchecken.</translation>
    </message>
    <message>
        <source>This device was rejected by an operator of the tenant.</source>
        <translation>Dieses Gerät wurde von einem Betreiber des Mandanten abgelehnt.</translation>
    </message>
    <message>
        <source>The server cannot record the check-in right now; try again later.</source>
        <translation>Der Server kann den Check-in derzeit nicht erfassen; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Send the tenant&apos;s enrolment token as &quot;Authorization: Bearer otde_…&quot;.</source>
        <translation>Senden Sie das Registrierungstoken des Mandanten als &quot;Authorization: Bearer otde_…&quot;.</translation>
    </message>
    <message>
        <source>expected IP addresses separated by commas</source>
        <translation>erwartet werden durch Kommas getrennte IP-Adressen</translation>
    </message>
    <message>
        <source>&quot;manifest_id&quot; must be the id of a manifest (GET /api/v1/manifests).</source>
        <translation>&quot;manifest_id&quot; muss die ID eines Manifests sein (GET /api/v1/manifests).</translation>
    </message>
    <message>
        <source>Name the devices with either &quot;filter&quot; (the filter language; &quot;&quot; for all devices) or &quot;serials&quot; (a list), not both.</source>
        <translation>Benennen Sie die Geräte entweder mit &quot;filter&quot; (die Filtersprache; &quot;&quot; für alle Geräte) oder mit &quot;serials&quot; (eine Liste), nicht mit beiden.</translation>
    </message>
    <message>
        <source>&quot;download_only&quot; must be true or false.</source>
        <translation>&quot;download_only&quot; muss true oder false sein.</translation>
    </message>
    <message>
        <source>&quot;filter&quot; must be text.</source>
        <translation>&quot;filter&quot; muss Text sein.</translation>
    </message>
    <message>
        <source>&quot;serials&quot; must be a list of 1 to %1 device serials.</source>
        <translation>&quot;serials&quot; muss eine Liste von 1 bis %1 Geräteseriennummern sein.</translation>
    </message>
    <message>
        <source>Every entry of &quot;serials&quot; must be a non-empty text.</source>
        <translation>Jeder Eintrag von &quot;serials&quot; muss ein nicht leerer Text sein.</translation>
    </message>
    <message>
        <source>&quot;manifest_id&quot; must be a manifest id.</source>
        <translation>&quot;manifest_id&quot; muss eine Manifest-ID sein.</translation>
    </message>
    <message>
        <source>Name the manifest: /api/v1/updates/summary?manifest_id=ID.</source>
        <translation>Geben Sie das Manifest an: /api/v1/updates/summary?manifest_id=ID.</translation>
    </message>
    <message>
        <source>No such update: %1</source>
        <translation>Update nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Canceled by %1.</source>
        <translation>Abgebrochen von %1.</translation>
    </message>
    <message>
        <source>Update %1 is over (%2) and cannot be canceled.</source>
        <translation>Update %1 ist beendet (%2) und kann nicht abgebrochen werden.</translation>
    </message>
    <message>
        <source>Update %1 is over (%2); forget it and keep checking in.</source>
        <translation>Update %1 ist beendet (%2); verwerfen Sie es und checken Sie weiter ein.</translation>
    </message>
    <message>
        <source>Key 0 of the report is not the digest of update %1&apos;s manifest; fetch it again from /device/v1/updates/%1/manifest.</source>
        <translation>Schlüssel 0 des Berichts ist nicht der Digest des Manifests von Update %1; rufen Sie es erneut von /device/v1/updates/%1/manifest ab.</translation>
    </message>
    <message>
        <source>The device&apos;s vendor or class ID differs from the manifest&apos;s.</source>
        <translation>Die Hersteller- oder Klassen-ID des Geräts unterscheidet sich von der des Manifests.</translation>
    </message>
    <message>
        <source>The server has no payload with the image digest the manifest signs for component %1 (%2); upload it.</source>
        <translation>Der Server hat keine Payload mit dem Image-Digest, den das Manifest für die Komponente %1 signiert (%2); laden Sie sie hoch.</translation>
    </message>
    <message>
        <source>The device already runs every image of this manifest.</source>
        <translation>Auf dem Gerät läuft bereits jedes Image dieses Manifests.</translation>
    </message>
    <message>
        <source>Update %1 has no payload for component %2.</source>
        <translation>Update %1 hat keine Payload für die Komponente %2.</translation>
    </message>
    <message>
        <source>The payload of component %1 is not on the server any more.</source>
        <translation>Die Payload der Komponente %1 ist nicht mehr auf dem Server.</translation>
    </message>
    <message>
        <source>&quot;state&quot; must be one of %1.</source>
        <translation>&quot;state&quot; muss einer von %1 sein.</translation>
    </message>
    <message>
        <source>&quot;reason&quot; must be one of %1.</source>
        <translation>&quot;reason&quot; muss einer von %1 sein.</translation>
    </message>
    <message>
        <source>&quot;bytes&quot; must be a non-negative number.</source>
        <translation>&quot;bytes&quot; muss eine nicht negative Zahl sein.</translation>
    </message>
    <message>
        <source>&quot;message&quot; must be text.</source>
        <translation>&quot;message&quot; muss Text sein.</translation>
    </message>
    <message>
        <source>The device reported image digests that differ from the signed ones.</source>
        <translation>Das Gerät hat Image-Digests gemeldet, die von den signierten abweichen.</translation>
    </message>
</context>
<context>
    <name>otadesk::server::ApiRequest</name>
    <message>
        <source>The request body is not valid JSON: %1 at byte %2.</source>
        <translation>Der Anfrageinhalt ist kein gültiges JSON: %1 bei Byte %2.</translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>Der Anfrageinhalt muss ein JSON-Objekt sein.</translation>
    </message>
</context>
<context>
    <name>otadesk::server::ApiResponse</name>
    <message>
        <source>The database is unavailable: %1</source>
        <translation>Die Datenbank ist nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::server::Authenticator</name>
    <message numerus="yes">
        <source>Too many failed sign-ins from %1; try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen von %1; versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen von %1; versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>This request needs an API token: send &quot;Authorization: Bearer &lt;token&gt;&quot;.</source>
        <translation>Diese Anfrage benötigt ein API-Token: Senden Sie &quot;Authorization: Bearer &lt;token&gt;&quot;.</translation>
    </message>
    <message>
        <source>Use a valid token; an administrator issues new ones (POST /api/v1/tokens, or &quot;otactl server token&quot; on the server&apos;s database).</source>
        <translation>Verwenden Sie ein gültiges Token; neue stellt ein Administrator aus (POST /api/v1/tokens oder „otactl server token“ auf der Datenbank des Servers).</translation>
    </message>
</context>
<context>
    <name>otadesk::server::ChunkIndex</name>
    <message>
        <source>Cannot open the payload file %1: %2</source>
        <translation>Die Payload-Datei %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot map the payload file %1: %2</source>
        <translation>Die Payload-Datei %1 kann nicht in den Speicher abgebildet werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::server::DeviceAuthenticator</name>
    <message>
        <source>Too many failed device sign-ins from this address; try again later.</source>
        <translation>Zu viele fehlgeschlagene Geräteanmeldungen von dieser Adresse; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Send the device token as &quot;Authorization: Bearer otdd_…&quot;.</source>
        <translation>Senden Sie das Geräte-Token als &quot;Authorization: Bearer otdd_…&quot;.</translation>
    </message>
    <message>
        <source>The server cannot check credentials right now; try again later.</source>
        <translation>Der Server kann Zugangsdaten gerade nicht prüfen; versuchen Sie es später erneut.</translation>
    </message>
</context>
<context>
    <name>otadesk::server::DeviceUpdates</name>
    <message>
        <source>The envelope of manifest %1 is missing from the data folder.</source>
        <translation>Der Umschlag von Manifest %1 fehlt im Datenordner.</translation>
    </message>
    <message>
        <source>The device checked in with the signed image digests.</source>
        <translation>Das Gerät hat mit den signierten Image-Digests eingecheckt.</translation>
    </message>
</context>
<context>
    <name>otadesk::server::HttpRequestParser</name>
    <message>
        <source>The request head is too large.</source>
        <translation>Der Anfragekopf ist zu groß.</translation>
    </message>
    <message>
        <source>The request line is not &quot;METHOD target HTTP/1.1&quot;.</source>
        <translation>Die Anfragezeile ist nicht „METHOD target HTTP/1.1“.</translation>
    </message>
    <message>
        <source>The request method is malformed.</source>
        <translation>Die Anfragemethode ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request target contains a character that must be percent-encoded.</source>
        <translation>Das Anfrageziel enthält ein Zeichen, das prozentkodiert sein muss.</translation>
    </message>
    <message>
        <source>The request target must be a path that starts with &quot;/&quot;.</source>
        <translation>Das Anfrageziel muss ein Pfad sein, der mit „/“ beginnt.</translation>
    </message>
    <message>
        <source>Only HTTP/1.1 and HTTP/1.0 are supported.</source>
        <translation>Nur HTTP/1.1 und HTTP/1.0 werden unterstützt.</translation>
    </message>
    <message>
        <source>Folded header lines are not allowed.</source>
        <translation>Gefaltete Header-Zeilen sind nicht erlaubt.</translation>
    </message>
    <message>
        <source>A header line has no name.</source>
        <translation>Eine Header-Zeile hat keinen Namen.</translation>
    </message>
    <message>
        <source>A header name is malformed.</source>
        <translation>Ein Header-Name ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request has too many headers.</source>
        <translation>Die Anfrage hat zu viele Header.</translation>
    </message>
    <message>
        <source>The Content-Length header is malformed.</source>
        <translation>Der Content-Length-Header ist fehlerhaft.</translation>
    </message>
    <message>
        <source>Only the chunked transfer coding is supported.</source>
        <translation>Nur die Transferkodierung chunked wird unterstützt.</translation>
    </message>
    <message>
        <source>A request may not have both Content-Length and Transfer-Encoding.</source>
        <translation>Eine Anfrage darf nicht sowohl Content-Length als auch Transfer-Encoding haben.</translation>
    </message>
    <message>
        <source>The request body is larger than the server&apos;s limit.</source>
        <translation>Der Anfragerumpf ist größer als das Limit des Servers.</translation>
    </message>
    <message>
        <source>A chunk size line is too long.</source>
        <translation>Eine Chunk-Größenzeile ist zu lang.</translation>
    </message>
    <message>
        <source>A chunk size is malformed.</source>
        <translation>Eine Chunk-Größe ist fehlerhaft.</translation>
    </message>
    <message>
        <source>A chunk does not end with CRLF.</source>
        <translation>Ein Chunk endet nicht mit CRLF.</translation>
    </message>
    <message>
        <source>The trailer section is too large.</source>
        <translation>Der Trailer-Abschnitt ist zu groß.</translation>
    </message>
</context>
<context>
    <name>otadesk::server::HttpService</name>
    <message>
        <source>The request body is larger than the limit of %1 bytes.</source>
        <translation>Der Anfragerumpf ist größer als die Obergrenze von %1 Bytes.</translation>
    </message>
    <message>
        <source>There is no resource at %1.</source>
        <translation>Unter %1 gibt es keine Ressource.</translation>
    </message>
    <message>
        <source>%1 is not allowed on %2; use %3.</source>
        <translation>%1 ist für %2 nicht zulässig; verwenden Sie %3.</translation>
    </message>
    <message>
        <source>The request body (%1 bytes) is larger than the limit of %2 bytes.</source>
        <translation>Der Anfragerumpf (%1 Bytes) ist größer als die Obergrenze von %2 Bytes.</translation>
    </message>
    <message>
        <source>The request head is too large.</source>
        <translation>Der Anfragekopf ist zu groß.</translation>
    </message>
    <message>
        <source>Cannot read the TLS certificate %1 or key %2.</source>
        <translation>Das TLS-Zertifikat %1 oder der Schlüssel %2 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The TLS certificate %1 or key %2 cannot be loaded.</source>
        <translation>Das TLS-Zertifikat %1 oder der Schlüssel %2 kann nicht geladen werden.</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation>Auf %1, Port %2 kann nicht gelauscht werden: %3</translation>
    </message>
    <message>
        <source>This server runs without a database (start it with --database).</source>
        <translation>Dieser Server läuft ohne Datenbank (starten Sie ihn mit --database).</translation>
    </message>
    <message>
        <source>The role %1 of account &quot;%2&quot; does not allow this (it needs %3).</source>
        <translation>Die Rolle %1 des Kontos &quot;%2&quot; erlaubt dies nicht (erforderlich ist %3).</translation>
    </message>
    <message>
        <source>The request did not arrive in time (at most %1 ms for the head, at most %1 ms without progress for the body).</source>
        <translation>Die Anfrage kam nicht rechtzeitig an (höchstens %1 ms für den Kopf, höchstens %1 ms ohne Fortschritt für den Inhalt).</translation>
    </message>
</context>
<context>
    <name>otadesk::store::AccountRepository</name>
    <message>
        <source>An account needs a name.</source>
        <translation>Ein Konto benötigt einen Namen.</translation>
    </message>
    <message>
        <source>No such tenant: %1</source>
        <translation>Unbekannter Mandant: %1</translation>
    </message>
    <message>
        <source>An account named &quot;%1&quot; exists already.</source>
        <translation>Ein Konto namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>No such account: %1</source>
        <translation>Unbekanntes Konto: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::store::AuditLog</name>
    <message>
        <source>An audit entry needs an action.</source>
        <translation>Ein Prüfprotokolleintrag benötigt eine Aktion.</translation>
    </message>
</context>
<context>
    <name>otadesk::store::BlobStore</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot create a temporary file in %1: %2</source>
        <translation>In %1 kann keine temporäre Datei angelegt werden: %2</translation>
    </message>
    <message>
        <source>Cannot create a temporary file in %1.</source>
        <translation>In %1 kann keine temporäre Datei angelegt werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 in lower-case hex.</source>
        <translation>„%1“ ist kein SHA-256 in hexadezimaler Kleinschreibung.</translation>
    </message>
    <message>
        <source>No payload with SHA-256 %1 is stored.</source>
        <translation>Es sind keine Nutzdaten mit SHA-256 %1 gespeichert.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot remove %1.</source>
        <translation>%1 kann nicht entfernt werden.</translation>
    </message>
</context>
<context>
    <name>otadesk::store::BlobWriter</name>
    <message>
        <source>The blob writer is already finished.</source>
        <translation>Das Schreiben des Blobs ist bereits abgeschlossen.</translation>
    </message>
    <message>
        <source>Cannot write the temporary file %1: %2</source>
        <translation>Die temporäre Datei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The data has SHA-256 %1, not the announced %2; nothing was stored.</source>
        <translation>Die Daten haben SHA-256 %1, nicht das angekündigte %2; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot move the blob into %1: %2</source>
        <translation>Der Blob kann nicht nach %1 verschoben werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::store::BulkInsert</name>
    <message>
        <source>Writing rows failed: %1</source>
        <translation>Das Schreiben der Zeilen ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::store::ConnectionSpec</name>
    <message>
        <source>No database given: pass a SQLite file path or a postgresql://user@host:port/dbname URL.</source>
        <translation>Keine Datenbank angegeben: Geben Sie einen SQLite-Dateipfad oder eine URL der Form postgresql://user@host:port/dbname an.</translation>
    </message>
    <message>
        <source>The SQLite URL %1 names no file.</source>
        <translation>Die SQLite-URL %1 gibt keine Datei an.</translation>
    </message>
    <message>
        <source>Unknown database URL scheme in %1: use sqlite:// or postgresql://.</source>
        <translation>Unbekanntes Datenbank-URL-Schema in %1: Verwenden Sie sqlite:// oder postgresql://.</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL %1: expected postgresql://user[:password]@host[:port]/dbname.</source>
        <translation>Fehlerhafte PostgreSQL-URL %1: erwartet wird postgresql://user[:password]@host[:port]/dbname.</translation>
    </message>
    <message>
        <source>The schema name &quot;%1&quot; may only use a-z, 0-9 and _.</source>
        <translation>Der Schemaname „%1“ darf nur a-z, 0-9 und _ enthalten.</translation>
    </message>
</context>
<context>
    <name>otadesk::store::Database</name>
    <message>
        <source>The database failed: %1 (while running: %2)</source>
        <translation>Datenbankfehler: %1 (bei der Ausführung von: %2)</translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not installed (Debian: libqt6sql6-sqlite).</source>
        <translation>Der Qt-SQLite-Treiber (QSQLITE) ist nicht installiert (Debian: libqt6sql6-sqlite).</translation>
    </message>
    <message>
        <source>The Qt PostgreSQL driver (QPSQL) is not installed (Debian: libqt6sql6-psql).</source>
        <translation>Der Qt-PostgreSQL-Treiber (QPSQL) ist nicht installiert (Debian: libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>Cannot open the SQLite database %1: %2</source>
        <translation>Die SQLite-Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>PostgreSQL refused the login of user &quot;%1&quot; at %2: authentication failed. Check the user name and password in the URL. (%3)</source>
        <translation>PostgreSQL hat die Anmeldung des Benutzers „%1“ an %2 abgelehnt: Authentifizierung fehlgeschlagen. Prüfen Sie Benutzername und Passwort in der URL. (%3)</translation>
    </message>
    <message>
        <source>PostgreSQL at %1: the database or role does not exist: %2</source>
        <translation>PostgreSQL an %1: Die Datenbank oder Rolle existiert nicht: %2</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1: %2. Is the server running and reachable?</source>
        <translation>Keine Verbindung zu PostgreSQL an %1 möglich: %2. Läuft der Server und ist er erreichbar?</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, newer than this program understands (%3). Use a newer otadesk-server, or another database.</source>
        <translation>Die Datenbank %1 hat die Schemaversion %2, die neuer ist als die von diesem Programm unterstützte (%3). Verwenden Sie einen neueren otadesk-server oder eine andere Datenbank.</translation>
    </message>
    <message>
        <source>Migration %1 of %2 failed: %3</source>
        <translation>Migration %1 von %2 ist fehlgeschlagen: %3</translation>
    </message>
</context>
<context>
    <name>otadesk::store::DeviceCheckins</name>
    <message>
        <source>Recording a check-in failed: %1</source>
        <translation>Das Erfassen eines Check-ins ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::store::DeviceCredentials</name>
    <message>
        <source>No device with the id %1.</source>
        <translation>Kein Gerät mit der ID %1.</translation>
    </message>
    <message>
        <source>No enrolment token with the id %1.</source>
        <translation>Kein Registrierungstoken mit der ID %1.</translation>
    </message>
    <message>
        <source>The enrolment token is not valid.</source>
        <translation>Das Registrierungstoken ist ungültig.</translation>
    </message>
    <message>
        <source>The enrolment token is not valid (unknown, revoked or expired).</source>
        <translation>Das Registrierungstoken ist ungültig (unbekannt, widerrufen oder abgelaufen).</translation>
    </message>
    <message>
        <source>A device with the serial %1 is registered already; ask an operator for its device token.</source>
        <translation>Ein Gerät mit der Seriennummer %1 ist bereits registriert; bitten Sie einen Betreiber um sein Geräte-Token.</translation>
    </message>
    <message>
        <source>The device credential is not valid: it is unknown or was replaced by a newer token. An operator can issue the device a new one (otactl devices token SERIAL).</source>
        <translation>Die Zugangsdaten des Geräts sind ungültig: unbekannt oder durch ein neueres Token ersetzt. Ein Betreiber kann dem Gerät ein neues ausstellen (otactl devices token SERIAL).</translation>
    </message>
</context>
<context>
    <name>otadesk::store::DeviceImporter</name>
    <message>
        <source>Registering devices failed: %1</source>
        <translation>Das Registrieren der Geräte ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>A device with the serial %1 is registered already.</source>
        <translation>Ein Gerät mit der Seriennummer %1 ist bereits registriert.</translation>
    </message>
    <message>
        <source>Line %1: the certificate fingerprint is used by another device already.</source>
        <translation>Zeile %1: Der Zertifikat-Fingerabdruck wird bereits von einem anderen Gerät verwendet.</translation>
    </message>
    <message>
        <source>The serial %1 appears twice in the file.</source>
        <translation>Die Seriennummer %1 kommt in der Datei zweimal vor.</translation>
    </message>
    <message>
        <source>Registering devices failed: the database did not return the id of the device %1.</source>
        <translation>Das Registrieren der Geräte ist fehlgeschlagen: Die Datenbank hat die ID des Geräts %1 nicht zurückgegeben.</translation>
    </message>
</context>
<context>
    <name>otadesk::store::DeviceRepository</name>
    <message>
        <source>No device with the serial &quot;%1&quot;.</source>
        <translation>Kein Gerät mit der Seriennummer &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No device with the id %1.</source>
        <translation>Kein Gerät mit der ID %1.</translation>
    </message>
</context>
<context>
    <name>otadesk::store::GroupRepository</name>
    <message>
        <source>A group name has 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; and starts with a letter or digit.</source>
        <translation>Ein Gruppenname besteht aus 1 bis 64 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos; und beginnt mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>A group is &quot;static&quot; (a list of devices) or &quot;dynamic&quot; (a filter).</source>
        <translation>Eine Gruppe ist &quot;static&quot; (eine Liste von Geräten) oder &quot;dynamic&quot; (ein Filter).</translation>
    </message>
    <message>
        <source>A group named &quot;%1&quot; exists already.</source>
        <translation>Eine Gruppe namens &quot;%1&quot; existiert bereits.</translation>
    </message>
    <message>
        <source>No group named &quot;%1&quot;.</source>
        <translation>Keine Gruppe namens &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>otadesk::store::KeyRepository</name>
    <message>
        <source>This is a private key. Register only the public key; private keys never leave the desktop.</source>
        <translation>Dies ist ein privater Schlüssel. Registrieren Sie nur den öffentlichen Schlüssel; private Schlüssel verlassen niemals den Desktop.</translation>
    </message>
    <message>
        <source>The public key cannot be read: %1</source>
        <translation>Der öffentliche Schlüssel kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>This key is registered already as &quot;%1&quot;.</source>
        <translation>Dieser Schlüssel ist bereits als &quot;%1&quot; registriert.</translation>
    </message>
    <message>
        <source>No such key: %1</source>
        <translation>Schlüssel nicht gefunden: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::store::ListSql</name>
    <message>
        <source>Cannot sort by &quot;%1&quot;; use one of %2.</source>
        <translation>Sortieren nach &quot;%1&quot; ist nicht möglich; verwenden Sie eines von %2.</translation>
    </message>
</context>
<context>
    <name>otadesk::store::ManifestRepository</name>
    <message>
        <source>Sequence number %1 is not above %2, the highest one of product %3 on the server: a different manifest with a number that is not higher would be a rollback.</source>
        <translation>Die Sequenznummer %1 ist nicht größer als %2, die höchste von Produkt %3 auf dem Server: Ein anderes Manifest mit einer nicht höheren Nummer wäre ein Rollback.</translation>
    </message>
    <message>
        <source>No such manifest: %1</source>
        <translation>Manifest nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Manifest %1 is assigned to %2 device updates; it cannot be removed while they exist.</source>
        <translation>Manifest %1 ist %2 Geräte-Updates zugewiesen; es kann nicht entfernt werden, solange diese existieren.</translation>
    </message>
</context>
<context>
    <name>otadesk::store::PayloadRepository</name>
    <message>
        <source>No such payload: %1</source>
        <translation>Payload nicht gefunden: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::store::TenantRepository</name>
    <message>
        <source>A tenant needs a name.</source>
        <translation>Ein Mandant benötigt einen Namen.</translation>
    </message>
    <message>
        <source>A tenant named &quot;%1&quot; exists already.</source>
        <translation>Ein Mandant namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>No such tenant: %1</source>
        <translation>Unbekannter Mandant: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::store::TokenRepository</name>
    <message>
        <source>No such account: %1</source>
        <translation>Unbekanntes Konto: %1</translation>
    </message>
    <message>
        <source>The API token is malformed.</source>
        <translation>Das API-Token ist fehlerhaft formatiert.</translation>
    </message>
    <message>
        <source>The API token is not valid.</source>
        <translation>Das API-Token ist ungültig.</translation>
    </message>
    <message>
        <source>The API token has been revoked.</source>
        <translation>Das API-Token wurde widerrufen.</translation>
    </message>
    <message>
        <source>The API token has expired.</source>
        <translation>Das API-Token ist abgelaufen.</translation>
    </message>
    <message>
        <source>No such API token: %1</source>
        <translation>Unbekanntes API-Token: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::store::UpdateRepository</name>
    <message>
        <source>Storing a device update failed: %1</source>
        <translation>Das Speichern eines Geräte-Updates ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No such manifest: %1</source>
        <translation>Manifest nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Replaced by a new assignment of manifest %1.</source>
        <translation>Ersetzt durch eine neue Zuweisung von Manifest %1.</translation>
    </message>
    <message>
        <source>No such update: %1</source>
        <translation>Update nicht gefunden: %1</translation>
    </message>
    <message>
        <source>This device has no update %1.</source>
        <translation>Dieses Gerät hat kein Update %1.</translation>
    </message>
    <message>
        <source>Unknown update state &quot;%1&quot;; use one of %2.</source>
        <translation>Unbekannter Update-Status „%1“; verwenden Sie einen von %2.</translation>
    </message>
    <message>
        <source>Update %1 has an unknown state &quot;%2&quot;.</source>
        <translation>Update %1 hat einen unbekannten Status „%2“.</translation>
    </message>
    <message>
        <source>Update %1 keeps changing; try again.</source>
        <translation>Update %1 ändert sich fortlaufend; versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>otadesk::store::UploadFiles</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The upload file %1 holds %2 bytes, fewer than the %3 acknowledged.</source>
        <translation>Die Upload-Datei %1 enthält %2 Bytes, weniger als die bestätigten %3.</translation>
    </message>
    <message>
        <source>Cannot truncate %1: %2</source>
        <translation>%1 kann nicht gekürzt werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The upload file %1 is shorter than expected.</source>
        <translation>Die Upload-Datei %1 ist kürzer als erwartet.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The uploaded data has SHA-256 %1, not the announced %2.</source>
        <translation>Die hochgeladenen Daten haben SHA-256 %1, nicht das angekündigte %2.</translation>
    </message>
    <message>
        <source>Cannot move the upload into %1: %2</source>
        <translation>Der Upload kann nicht nach %1 verschoben werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::store::UploadRepository</name>
    <message>
        <source>An upload cannot have a negative size.</source>
        <translation>Ein Upload kann keine negative Größe haben.</translation>
    </message>
    <message>
        <source>No such upload: %1</source>
        <translation>Upload nicht gefunden: %1</translation>
    </message>
    <message>
        <source>The upload %1 is not open.</source>
        <translation>Der Upload %1 ist nicht offen.</translation>
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
    <name>otadesk::ui::BenchBatch</name>
    <message>
        <source>Batch</source>
        <translation>Serienbetrieb</translation>
    </message>
    <message>
        <source>Batch: flash each device that appears</source>
        <translation>Serienbetrieb: jedes neu erscheinende Gerät flashen</translation>
    </message>
    <message>
        <source>Log folder…</source>
        <translation>Protokollordner…</translation>
    </message>
    <message>
        <source>No log folder chosen</source>
        <translation>Kein Protokollordner gewählt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Folder for the per-unit logs</source>
        <translation>Ordner für die Protokolle je Gerät</translation>
    </message>
    <message>
        <source>RESULT: success — %1</source>
        <translation>ERGEBNIS: Erfolg — %1</translation>
    </message>
    <message>
        <source>RESULT: FAILED — %1</source>
        <translation>ERGEBNIS: FEHLGESCHLAGEN — %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>log not written: %1</source>
        <translation>Protokoll nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>Flashes the chosen image onto every listed network device and USB serial port, then onto each USB serial port that appears, one after the other, with a log per unit</source>
        <translation>Flasht das gewählte Image nacheinander auf jedes aufgeführte Netzwerkgerät und jeden USB-Seriell-Port, danach auf jeden neu erscheinenden USB-Seriell-Port, mit einem Protokoll je Gerät</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::BenchDeviceList</name>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>USB VID:PID</source>
        <translation>USB VID:PID</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Bench devices</source>
        <translation>Werkbank-Geräte</translation>
    </message>
    <message>
        <source>SMP over UDP (v%1, %2 ms)</source>
        <translation>SMP über UDP (v%1, %2 ms)</translation>
    </message>
    <message numerus="yes">
        <source>Scan finished: %n device(s) answered.</source>
        <translation>
            <numerusform>Suche beendet: %n Gerät hat geantwortet.</numerusform>
            <numerusform>Suche beendet: %n Geräte haben geantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>SMP over UDP</source>
        <translation>SMP über UDP</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::BenchLogPane</name>
    <message>
        <source>Show SMP log</source>
        <translation>SMP-Protokoll anzeigen</translation>
    </message>
    <message>
        <source>SMP packets</source>
        <translation>SMP-Pakete</translation>
    </message>
    <message>
        <source>Serial console</source>
        <translation>Serielle Konsole</translation>
    </message>
    <message>
        <source>Hide SMP log</source>
        <translation>SMP-Protokoll ausblenden</translation>
    </message>
    <message>
        <source>[console] %1</source>
        <translation>[Konsole] %1</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::BenchPage</name>
    <message>
        <source>Scanning: %1 of %2 addresses</source>
        <translation>Suche: %1 von %2 Adressen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Choose &amp;image…</source>
        <translation>&amp;Image wählen…</translation>
    </message>
    <message>
        <source>Choose an MCUboot image</source>
        <translation>MCUboot-Image wählen</translation>
    </message>
    <message>
        <source>MCUboot images (*.bin *.hex *.ihex *.s19 *.s28 *.s37 *.srec *.elf);;All files (*)</source>
        <translation>MCUboot-Images (*.bin *.hex *.ihex *.s19 *.s28 *.s37 *.srec *.elf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Flash</source>
        <translation>&amp;Flashen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>List the serial ports again (F5)</source>
        <translation>Die seriellen Ports neu auflisten (F5)</translation>
    </message>
    <message>
        <source>Add network device…</source>
        <translation>Netzwerkgerät hinzufügen…</translation>
    </message>
    <message>
        <source>Scan subnet…</source>
        <translation>Subnetz durchsuchen…</translation>
    </message>
    <message>
        <source>Baud rate of serial devices</source>
        <translation>Baudrate serieller Geräte</translation>
    </message>
    <message>
        <source>Serial baud rate:</source>
        <translation>Serielle Baudrate:</translation>
    </message>
    <message>
        <source>Select a device, then read it.</source>
        <translation>Wählen Sie ein Gerät aus und lesen Sie es dann aus.</translation>
    </message>
    <message>
        <source>Read device</source>
        <translation>Gerät auslesen</translation>
    </message>
    <message>
        <source>Test slot 1</source>
        <translation>Slot 1 testen</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Erase slot 1</source>
        <translation>Slot 1 löschen</translation>
    </message>
    <message>
        <source>Choose image…</source>
        <translation>Image wählen…</translation>
    </message>
    <message>
        <source>MCUboot image: .bin, Intel HEX, S-record or ELF (Ctrl+O); or drop a file here</source>
        <translation>MCUboot-Image: .bin, Intel HEX, S-Record oder ELF (Strg+O); oder eine Datei hier ablegen</translation>
    </message>
    <message>
        <source>No image chosen.</source>
        <translation>Kein Image gewählt.</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Flashen</translation>
    </message>
    <message>
        <source>Upload, test, reset, verify and confirm (Ctrl+Return)</source>
        <translation>Hochladen, testen, zurücksetzen, prüfen und bestätigen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Stop the running operation (Esc)</source>
        <translation>Den laufenden Vorgang anhalten (Esc)</translation>
    </message>
    <message>
        <source>Cannot add “%1”: %2</source>
        <translation>„%1“ kann nicht hinzugefügt werden: %2</translation>
    </message>
    <message>
        <source>Add network device</source>
        <translation>Netzwerkgerät hinzufügen</translation>
    </message>
    <message>
        <source>Host or address, optionally with :port (default 1337):</source>
        <translation>Host oder Adresse, optional mit :Port (Standard 1337):</translation>
    </message>
    <message>
        <source>Scan subnet</source>
        <translation>Subnetz durchsuchen</translation>
    </message>
    <message>
        <source>Subnet to scan for SMP over UDP (port 1337), e.g. 192.168.1.0/24:</source>
        <translation>Nach SMP über UDP (Port 1337) zu durchsuchendes Subnetz, z. B. 192.168.1.0/24:</translation>
    </message>
    <message>
        <source>Cannot scan %1: %2</source>
        <translation>%1 kann nicht durchsucht werden: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 cannot be flashed:&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;%1 kann nicht geflasht werden:&lt;/b&gt; %2</translation>
    </message>
    <message>
        <source>%1: version %2, %3, hash %4</source>
        <translation>%1: Version %2, %3, Hash %4</translation>
    </message>
    <message>
        <source>Image hash %1
SHA-256 of the file %2</source>
        <translation>Image-Hash %1
SHA-256 der Datei %2</translation>
    </message>
    <message>
        <source>— %1 —</source>
        <translation>— %1 —</translation>
    </message>
    <message>
        <source>%1 of %2 — %3/s — ETA %4 s</source>
        <translation>%1 von %2 — %3/s — noch %4 s</translation>
    </message>
    <message>
        <source>SMP v%1</source>
        <translation>SMP v%1</translation>
    </message>
    <message>
        <source>buffer %1 × %2 bytes</source>
        <translation>Puffer %1 × %2 Bytes</translation>
    </message>
    <message>
        <source>%1: press “Read device” to read its slots.</source>
        <translation>%1: Klicken Sie auf „Gerät auslesen“, um seine Slots zu lesen.</translation>
    </message>
    <message>
        <source>Success: %1</source>
        <translation>Erfolg: %1</translation>
    </message>
    <message>
        <source>RESULT: success — %1</source>
        <translation>ERGEBNIS: Erfolg — %1</translation>
    </message>
    <message>
        <source>RESULT: FAILED — %1</source>
        <translation>ERGEBNIS: FEHLGESCHLAGEN — %1</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Reading the slot table failed: %1</source>
        <translation>Das Lesen der Slot-Tabelle ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::BenchSession</name>
    <message numerus="yes">
        <source> … (%n bytes)</source>
        <translation>
            <numerusform> … (%n Byte)</numerusform>
            <numerusform> … (%n Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>Read %n slot(s) from %1.</source>
        <translation>
            <numerusform>%n Slot von %1 gelesen.</numerusform>
            <numerusform>%n Slots von %1 gelesen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed (%1): %2</source>
        <translation>Fehlgeschlagen (%1): %2</translation>
    </message>
    <message>
        <source>marking the image in slot 1 for test</source>
        <translation>Markieren des Images in Slot 1 zum Testen</translation>
    </message>
    <message>
        <source>confirming the running image</source>
        <translation>Bestätigen des laufenden Images</translation>
    </message>
    <message>
        <source>resetting</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>erasing slot 1</source>
        <translation>Löschen von Slot 1</translation>
    </message>
    <message>
        <source>Failed while %1: %2</source>
        <translation>Fehler beim %1: %2</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>Fertig: %1.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::BenchSlotTable</name>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Slot table</source>
        <translation>Slot-Tabelle</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>permanent</source>
        <translation>dauerhaft</translation>
    </message>
    <message>
        <source>bootable</source>
        <translation>bootfähig</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ChangePassphraseDialog</name>
    <message>
        <source>Change passphrase of %1</source>
        <translation>Passphrase von %1 ändern</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2, %3</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase:</source>
        <translation>A&amp;ktuelle Passphrase:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Neue Passphrase:</translation>
    </message>
    <message>
        <source>C&amp;hange</source>
        <translation>Än&amp;dern</translation>
    </message>
    <message>
        <source>Enter the current passphrase of %1.</source>
        <translation>Geben Sie die aktuelle Passphrase von %1 ein.</translation>
    </message>
    <message>
        <source>Re-encrypting key %1…</source>
        <translation>Schlüssel %1 wird neu verschlüsselt…</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::CharacteristicsEditor</name>
    <message>
        <source>Device characteristics</source>
        <translation>Gerätemerkmale</translation>
    </message>
    <message>
        <source>What a device reports to the resource-request URI before it is given the payload (full image or delta)</source>
        <translation>Was ein Gerät an die URI für Ressourcenanfragen meldet, bevor es die Nutzdaten erhält (vollständiges Image oder Delta)</translation>
    </message>
    <message>
        <source>https://updates.example.com/resource — required when a characteristic is checked</source>
        <translation>https://updates.example.com/resource — erforderlich, wenn ein Merkmal angehakt ist</translation>
    </message>
    <message>
        <source>Edit resource-request URI</source>
        <translation>URI für Ressourcenanfragen bearbeiten</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>Melden:</translation>
    </message>
    <message>
        <source>Resource-request &amp;URI:</source>
        <translation>&amp;URI für Ressourcenanfragen:</translation>
    </message>
    <message>
        <source>Report %1</source>
        <translation>%1 melden</translation>
    </message>
    <message>
        <source>Do not report %1</source>
        <translation>%1 nicht melden</translation>
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
    <name>otadesk::ui::ComponentsEditor</name>
    <message>
        <source>Components</source>
        <translation>Komponenten</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Pick Firmware…</source>
        <translation>&amp;Firmware wählen…</translation>
    </message>
    <message>
        <source>From &amp;File…</source>
        <translation>Aus &amp;Datei…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Integrated</source>
        <translation>Integriert</translation>
    </message>
    <message>
        <source>SHA-256 of the image as the device flashes it</source>
        <translation>SHA-256 des Images, wie das Gerät es flasht</translation>
    </message>
    <message>
        <source>Add a component (an image the manifest installs)</source>
        <translation>Eine Komponente hinzufügen (ein Image, das das Manifest installiert)</translation>
    </message>
    <message>
        <source>Remove the selected component</source>
        <translation>Die ausgewählte Komponente entfernen</translation>
    </message>
    <message>
        <source>Use an image from the firmware library for the selected component (digest and size)</source>
        <translation>Ein Image aus der Firmware-Bibliothek für die ausgewählte Komponente verwenden (Digest und Größe)</translation>
    </message>
    <message>
        <source>Use the bytes of a file for the selected component (digest and size)</source>
        <translation>Die Bytes einer Datei für die ausgewählte Komponente verwenden (Digest und Größe)</translation>
    </message>
    <message>
        <source>Slot of an A/B component (empty: none)</source>
        <translation>Slot einer A/B-Komponente (leer: keiner)</translation>
    </message>
    <message>
        <source>library #%1</source>
        <translation>Bibliothek #%1</translation>
    </message>
    <message>
        <source>%1 (#%2)</source>
        <translation>%1 (#%2)</translation>
    </message>
    <message>
        <source>(double-click to pick)</source>
        <translation>(zum Auswählen doppelklicken)</translation>
    </message>
    <message>
        <source>Carry the image inside the envelope (payload &quot;#%1&quot;)</source>
        <translation>Image im Umschlag mitführen (Nutzdaten „#%1“)</translation>
    </message>
    <message>
        <source>Rename component</source>
        <translation>Komponente umbenennen</translation>
    </message>
    <message>
        <source>Edit component slot</source>
        <translation>Komponenten-Slot bearbeiten</translation>
    </message>
    <message>
        <source>Edit component URI</source>
        <translation>Komponenten-URI bearbeiten</translation>
    </message>
    <message>
        <source>Edit component version</source>
        <translation>Komponentenversion bearbeiten</translation>
    </message>
    <message>
        <source>Integrate payload</source>
        <translation>Nutzdaten integrieren</translation>
    </message>
    <message>
        <source>Detach payload</source>
        <translation>Nutzdaten abtrennen</translation>
    </message>
    <message>
        <source>Add component</source>
        <translation>Komponente hinzufügen</translation>
    </message>
    <message>
        <source>Remove component</source>
        <translation>Komponente entfernen</translation>
    </message>
    <message>
        <source>Image for %1</source>
        <translation>Image für %1</translation>
    </message>
    <message>
        <source>Firmware images (*.bin *.img *.signed);;All files (*)</source>
        <translation>Firmware-Images (*.bin *.img *.signed);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1 from the library…</source>
        <translation>%1 wird aus der Bibliothek gelesen…</translation>
    </message>
    <message>
        <source>%1: %2 bytes from library entry #%3</source>
        <translation>%1: %2 Bytes aus Bibliothekseintrag #%3</translation>
    </message>
    <message>
        <source>Cannot read %1 from the library: %2</source>
        <translation>%1 kann nicht aus der Bibliothek gelesen werden: %2</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>%1: %2 bytes</source>
        <translation>%1: %2 Bytes</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Use firmware</source>
        <translation>Firmware verwenden</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ConnectionProfiles</name>
    <message>
        <source>A profile needs a name.</source>
        <translation>Ein Profil benötigt einen Namen.</translation>
    </message>
    <message>
        <source>The token is stored unencrypted in %1 because %2.</source>
        <translation>Das Token wird unverschlüsselt in %1 gespeichert. Grund: %2.</translation>
    </message>
    <message>
        <source>There is no connection profile &quot;%1&quot;.</source>
        <translation>Es gibt kein Verbindungsprofil &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::DependenciesEditor</name>
    <message>
        <source>Dependencies</source>
        <translation>Abhängigkeiten</translation>
    </message>
    <message>
        <source>Add &amp;Dependency</source>
        <translation>&amp;Abhängigkeit hinzufügen</translation>
    </message>
    <message>
        <source>Remove Dependenc&amp;y</source>
        <translation>Abhängigkeit &amp;entfernen</translation>
    </message>
    <message>
        <source>Manifest digest (SHA-256, hex)</source>
        <translation>Manifest-Digest (SHA-256, hex)</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>Manifests this one depends on: the digest of their manifest and where to fetch them</source>
        <translation>Manifeste, von denen dieses abhängt: der Digest ihres Manifests und woher sie abgerufen werden</translation>
    </message>
    <message>
        <source>Add dependency</source>
        <translation>Abhängigkeit hinzufügen</translation>
    </message>
    <message>
        <source>Remove dependency</source>
        <translation>Abhängigkeit entfernen</translation>
    </message>
    <message>
        <source>Edit dependency digest</source>
        <translation>Digest der Abhängigkeit bearbeiten</translation>
    </message>
    <message>
        <source>Edit dependency URI</source>
        <translation>URI der Abhängigkeit bearbeiten</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::DeviceDetails</name>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>Digest (SHA-256)</source>
        <translation>Digest (SHA-256)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Tag entfernen</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Akzeptieren</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Hardware revision:</source>
        <translation>Hardware-Revision:</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>Charge:</translation>
    </message>
    <message>
        <source>Production year:</source>
        <translation>Produktionsjahr:</translation>
    </message>
    <message>
        <source>Vendor ID:</source>
        <translation>Hersteller-ID:</translation>
    </message>
    <message>
        <source>Class ID:</source>
        <translation>Klassen-ID:</translation>
    </message>
    <message>
        <source>Update state:</source>
        <translation>Update-Status:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Wake schedule:</source>
        <translation>Weckplan:</translation>
    </message>
    <message>
        <source>First seen:</source>
        <translation>Zuerst gesehen:</translation>
    </message>
    <message>
        <source>Last seen:</source>
        <translation>Zuletzt gesehen:</translation>
    </message>
    <message>
        <source>Registered:</source>
        <translation>Registriert:</translation>
    </message>
    <message>
        <source>Let this self-registered device check in</source>
        <translation>Dieses selbst registrierte Gerät einchecken lassen</translation>
    </message>
    <message>
        <source>Refuse this device&apos;s check-ins</source>
        <translation>Check-ins dieses Geräts ablehnen</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>new tag</source>
        <translation>neues Tag</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Komponenten</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>No device selected</source>
        <translation>Kein Gerät ausgewählt</translation>
    </message>
    <message>
        <source>Select a device in the table to see its components, attributes and history.</source>
        <translation>Wählen Sie ein Gerät in der Tabelle aus, um seine Komponenten, Attribute und seinen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Cannot load the device: %1</source>
        <translation>Das Gerät kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>gemeldet</translation>
    </message>
    <message>
        <source>metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>Your role may not change devices (devices.write)</source>
        <translation>Ihre Rolle darf keine Geräte ändern (devices.write)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>The server did not accept the change: %1</source>
        <translation>Der Server hat die Änderung nicht angenommen: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::DeviceExportJob</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::DeviceFilterBar</name>
    <message>
        <source>Filter, e.g. model==GW-200;year=ge=2024;fw.main=lt=2.3.0;tag==beta  (Ctrl+F)</source>
        <translation>Filter, z. B. model==GW-200;year=ge=2024;fw.main=lt=2.3.0;tag==beta  (Strg+F)</translation>
    </message>
    <message>
        <source>The device filter language: field==value, =in=(a,b), =lt= =le= =gt= =ge=, &apos;;&apos; or &quot;and&quot;, &apos;,&apos; or &quot;or&quot;, parentheses, * wildcards. Enter applies it.</source>
        <translation>Die Filtersprache für Geräte: Feld==Wert, =in=(a,b), =lt= =le= =gt= =ge=, &apos;;&apos; oder &quot;and&quot;, &apos;,&apos; oder &quot;or&quot;, Klammern, *-Platzhalter. Die Eingabetaste wendet ihn an.</translation>
    </message>
    <message>
        <source>Counted in %1 ms on the server</source>
        <translation>Auf dem Server in %1 ms gezählt</translation>
    </message>
    <message>
        <source>— of %1 devices</source>
        <translation>— von %1 Geräten</translation>
    </message>
    <message>
        <source>%1 devices</source>
        <translation>%1 Geräte</translation>
    </message>
    <message>
        <source>%1 of %2 devices</source>
        <translation>%1 von %2 Geräten</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::DeviceImportDialog</name>
    <message>
        <source>&amp;Update devices that exist already</source>
        <translation>Bereits vorhandene Geräte &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Issue a device &amp;token for each new device</source>
        <translation>Für jedes neue Gerät ein Geräte-&amp;Token ausstellen</translation>
    </message>
    <message>
        <source>Import only the &amp;valid rows (skip the rows with problems)</source>
        <translation>Nur die &amp;gültigen Zeilen importieren (Zeilen mit Problemen überspringen)</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Import Devices</source>
        <translation>Geräte importieren</translation>
    </message>
    <message>
        <source>CSV with a header row: serial, model, hw_rev, batch, year, tags, meta.&lt;name&gt;…</source>
        <translation>CSV mit Kopfzeile: serial, model, hw_rev, batch, year, tags, meta.&lt;name&gt;…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>Devices to Import</source>
        <translation>Zu importierende Geräte</translation>
    </message>
    <message>
        <source>Device lists (*.csv *.json);;All files (*)</source>
        <translation>Gerätelisten (*.csv *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>CSV file for the tokens (serial,device_token)</source>
        <translation>CSV-Datei für die Tokens (serial,device_token)</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>Save Device Tokens</source>
        <translation>Geräte-Tokens speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Tokens &amp;to:</source>
        <translation>Tokens &amp;nach:</translation>
    </message>
    <message>
        <source>Device tokens are shown only once: they are written to this file and nowhere else. Keep it safe.</source>
        <translation>Geräte-Tokens werden nur einmal angezeigt: Sie werden in diese Datei geschrieben und nirgendwo sonst hin. Bewahren Sie sie sicher auf.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Your role may not import devices (devices.import): ask an administrator or a release manager.</source>
        <translation>Ihre Rolle darf keine Geräte importieren (devices.import): Wenden Sie sich an einen Administrator oder Release-Manager.</translation>
    </message>
    <message>
        <source>Fix the problem rows, or choose to import only the valid rows</source>
        <translation>Beheben Sie die Problemzeilen oder wählen Sie, nur die gültigen Zeilen zu importieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 is larger than %2: split it into several files.</source>
        <translation>%1 ist größer als %2: Teilen Sie die Datei in mehrere Dateien auf.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Checking the file on the server (nothing is written)…</source>
        <translation>Die Datei wird auf dem Server geprüft (es wird nichts geschrieben)…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert…</translation>
    </message>
    <message>
        <source>Imported: %1 created, %2 updated, %3 unchanged.</source>
        <translation>Importiert: %1 angelegt, %2 aktualisiert, %3 unverändert.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems were skipped.</source>
        <translation>
            <numerusform>%n Zeile mit Problemen wurde übersprungen.</numerusform>
            <numerusform>%n Zeilen mit Problemen wurden übersprungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) read. </source>
        <translation>
            <numerusform>%n Zeile gelesen. </numerusform>
            <numerusform>%n Zeilen gelesen. </numerusform>
        </translation>
    </message>
    <message>
        <source>Importing would create %1, update %2 and leave %3 unchanged.</source>
        <translation>Der Import würde %1 anlegen, %2 aktualisieren und %3 unverändert lassen.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have problems:</source>
        <translation>
            <numerusform>%n Zeile hat Probleme:</numerusform>
            <numerusform>%n Zeilen haben Probleme:</numerusform>
        </translation>
    </message>
    <message>
        <source>(the first %1 are listed)</source>
        <translation>(die ersten %1 sind aufgeführt)</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message>
        <source>Cannot write the device tokens to %1: %2. They cannot be shown again; issue new ones with &quot;otactl devices token SERIAL&quot;.</source>
        <translation>Die Geräte-Tokens können nicht nach %1 geschrieben werden: %2. Sie können nicht erneut angezeigt werden; stellen Sie mit „otactl devices token SERIAL“ neue aus.</translation>
    </message>
    <message>
        <source>Cannot write the device tokens to %1: %2</source>
        <translation>Die Geräte-Tokens können nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n device token(s) saved to %1.</source>
        <translation>
            <numerusform>%n Geräte-Token in %1 gespeichert.</numerusform>
            <numerusform>%n Geräte-Tokens in %1 gespeichert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>otadesk::ui::DeviceTableModel</name>
    <message>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>HW rev</source>
        <translation>HW-Rev.</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Update state</source>
        <translation>Update-Status</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The device never checked in</source>
        <translation>Das Gerät hat noch nie eingecheckt</translation>
    </message>
    <message>
        <source>The server cannot sort by this column</source>
        <translation>Der Server kann nicht nach dieser Spalte sortieren</translation>
    </message>
    <message>
        <source>Click to sort the whole fleet by this column</source>
        <translation>Klicken, um die ganze Flotte nach dieser Spalte zu sortieren</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::DeviceText</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n Std.</numerusform>
            <numerusform>vor %n Std.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>otadesk::ui::DevicesPage</name>
    <message>
        <source>Not connected to a server</source>
        <translation>Nicht mit einem Server verbunden</translation>
    </message>
    <message>
        <source>The fleet lives on an OTA Desk server. Start the bundled local server or connect to a remote one on the Server page, and its devices appear here.</source>
        <translation>Die Flotte liegt auf einem OTA-Desk-Server. Starten Sie auf der Seite „Server“ den mitgelieferten lokalen Server oder verbinden Sie sich mit einem entfernten Server; dann erscheinen seine Geräte hier.</translation>
    </message>
    <message>
        <source>Go to the &amp;Server Page</source>
        <translation>Zur Seite „&amp;Server“ wechseln</translation>
    </message>
    <message>
        <source>Saved views (this workspace) and device groups (the server)</source>
        <translation>Gespeicherte Ansichten (dieser Arbeitsbereich) und Gerätegruppen (der Server)</translation>
    </message>
    <message>
        <source>Cannot load devices: %1</source>
        <translation>Geräte können nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Load the devices and counts again (Ctrl+R)</source>
        <translation>Geräte und Anzahlen neu laden (Strg+R)</translation>
    </message>
    <message>
        <source>&amp;Filter Devices</source>
        <translation>Geräte &amp;filtern</translation>
    </message>
    <message>
        <source>Type a filter (Ctrl+F)</source>
        <translation>Filter eingeben (Strg+F)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Register devices from a CSV file, with a preview of what would change</source>
        <translation>Geräte aus einer CSV-Datei registrieren, mit einer Vorschau der Änderungen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save the devices matching the filter to a CSV file</source>
        <translation>Die zum Filter passenden Geräte in einer CSV-Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Save View…</source>
        <translation>Ansicht &amp;speichern…</translation>
    </message>
    <message>
        <source>Keep the filter and sort order under a name</source>
        <translation>Filter und Sortierung unter einem Namen speichern</translation>
    </message>
    <message>
        <source>Delete View</source>
        <translation>Ansicht löschen</translation>
    </message>
    <message>
        <source>Forget the chosen saved view (a server group stays on the server)</source>
        <translation>Die gewählte gespeicherte Ansicht vergessen (eine Servergruppe bleibt auf dem Server)</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Your role may not import devices (devices.import)</source>
        <translation>Ihre Rolle darf keine Geräte importieren (devices.import)</translation>
    </message>
    <message>
        <source>Views…</source>
        <translation>Ansichten…</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>Gruppe: %1</translation>
    </message>
    <message>
        <source>The server cannot sort by %1.</source>
        <translation>Der Server kann nicht nach %1 sortieren.</translation>
    </message>
    <message>
        <source>Imported devices: %1 created, %2 updated, %3 unchanged</source>
        <translation>Importierte Geräte: %1 angelegt, %2 aktualisiert, %3 unverändert</translation>
    </message>
    <message>
        <source>Export Devices</source>
        <translation>Geräte exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exporting devices to %1…</source>
        <translation>Geräte werden nach %1 exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n device(s) to %1</source>
        <translation>
            <numerusform>%n Gerät nach %1 exportiert</numerusform>
            <numerusform>%n Geräte nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n device(s) to %1.</source>
        <translation>
            <numerusform>%n Gerät nach %1 exportiert.</numerusform>
            <numerusform>%n Geräte nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Save View</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Name of the view (also saved on the server as a dynamic group):</source>
        <translation>Name der Ansicht (wird auf dem Server auch als dynamische Gruppe gespeichert):</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>Name der Ansicht:</translation>
    </message>
    <message>
        <source>The view &quot;%1&quot; was saved here only: a server group name needs letters or digits.</source>
        <translation>Die Ansicht „%1“ wurde nur hier gespeichert: Ein Servergruppenname benötigt Buchstaben oder Ziffern.</translation>
    </message>
    <message>
        <source>Saved view from OTA Desk</source>
        <translation>Gespeicherte Ansicht aus OTA Desk</translation>
    </message>
    <message>
        <source>Saved view &quot;%1&quot; as the dynamic group &quot;%2&quot; on the server</source>
        <translation>Ansicht „%1“ auf dem Server als dynamische Gruppe „%2“ gespeichert</translation>
    </message>
    <message>
        <source>The view &quot;%1&quot; was saved here but not on the server: %2</source>
        <translation>Die Ansicht „%1“ wurde hier gespeichert, aber nicht auf dem Server: %2</translation>
    </message>
    <message>
        <source>The view &quot;%1&quot; was saved here but the server group of that name was not updated: %2</source>
        <translation>Die Ansicht „%1“ wurde hier gespeichert, aber die gleichnamige Servergruppe wurde nicht aktualisiert: %2</translation>
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
    <name>otadesk::ui::EnvelopeTree</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
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
        <source>Envelope</source>
        <translation>Umschlag</translation>
    </message>
    <message>
        <source>Tagged (107)</source>
        <translation>Getaggt (107)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Manifest digest</source>
        <translation>Manifest-Digest</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <source>Severed member</source>
        <translation>Abgetrenntes Element</translation>
    </message>
    <message>
        <source>Integrated payload %1</source>
        <translation>Integrierte Nutzdaten %1</translation>
    </message>
    <message>
        <source>not decoded (see the verification report)</source>
        <translation>nicht dekodiert (siehe Verifizierungsbericht)</translation>
    </message>
    <message>
        <source>Manifest version</source>
        <translation>Manifest-Version</translation>
    </message>
    <message>
        <source>Sequence number</source>
        <translation>Sequenznummer</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>Reference URI</source>
        <translation>Referenz-URI</translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <source>Severed %1</source>
        <translation>Abgetrennt: %1</translation>
    </message>
    <message>
        <source>digest in manifest, member in envelope</source>
        <translation>Digest im Manifest, Element im Umschlag</translation>
    </message>
    <message>
        <source>digest in manifest, member not in envelope</source>
        <translation>Digest im Manifest, Element nicht im Umschlag</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Komponenten</translation>
    </message>
    <message>
        <source>Component %1</source>
        <translation>Komponente %1</translation>
    </message>
    <message>
        <source>Image digest</source>
        <translation>Image-Digest</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>Imagegröße</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>Vendor ID</source>
        <translation>Hersteller-ID</translation>
    </message>
    <message>
        <source>Class ID</source>
        <translation>Klassen-ID</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>Slots</translation>
    </message>
    <message>
        <source>Dependency %1</source>
        <translation>Abhängigkeit %1</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Authentication blocks</source>
        <translation>Authentifizierungsblöcke</translation>
    </message>
    <message>
        <source>COSE_Sign1</source>
        <translation>COSE_Sign1</translation>
    </message>
    <message>
        <source>no algorithm</source>
        <translation>kein Algorithmus</translation>
    </message>
    <message>
        <source>Key id</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>COSE_Mac0</source>
        <translation>COSE_Mac0</translation>
    </message>
    <message>
        <source>COSE_Sign</source>
        <translation>COSE_Sign</translation>
    </message>
    <message>
        <source>COSE_Mac</source>
        <translation>COSE_Mac</translation>
    </message>
    <message>
        <source>Unknown block</source>
        <translation>Unbekannter Block</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::EnvelopeView</name>
    <message>
        <source>… (cut off after %1 characters)</source>
        <translation>… (nach %1 Zeichen abgeschnitten)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Open a SUIT envelope (&lt;b&gt;Open Envelope…&lt;/b&gt;, Ctrl+Shift+O) to see it decoded and verified against the keys of this workspace, or sign the manifest you are editing.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Öffnen Sie einen SUIT-Umschlag (&lt;b&gt;Umschlag öffnen…&lt;/b&gt;, Strg+Umschalt+O), um ihn dekodiert und anhand der Schlüssel dieses Arbeitsbereichs verifiziert zu sehen, oder signieren Sie das Manifest, das Sie gerade bearbeiten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1b7f3b&apos;&gt;&lt;b&gt;Verified&lt;/b&gt;&lt;/span&gt;%1</source>
        <translation>&lt;span style=&apos;color:#1b7f3b&apos;&gt;&lt;b&gt;Verifiziert&lt;/b&gt;&lt;/span&gt;%1</translation>
    </message>
    <message>
        <source> — signed by %1</source>
        <translation> — signiert mit %1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:#b3261e&apos;&gt;&lt;b&gt;Not verified&lt;/b&gt; — %n check(s) failed&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:#b3261e&apos;&gt;&lt;b&gt;Nicht verifiziert&lt;/b&gt; — %n Prüfung fehlgeschlagen&lt;/span&gt;</numerusform>
            <numerusform>&lt;span style=&apos;color:#b3261e&apos;&gt;&lt;b&gt;Nicht verifiziert&lt;/b&gt; — %n Prüfungen fehlgeschlagen&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 bytes, sequence number %3 — %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 Bytes, Sequenznummer %3 — %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
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
    <name>otadesk::ui::FilterBuilder</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>component, e.g. main</source>
        <translation>Komponente, z. B. main</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Batch:</source>
        <translation>&amp;Charge:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Production year:</source>
        <translation>Produktionsjahr:</translation>
    </message>
    <message>
        <source>first serial</source>
        <translation>erste Seriennummer</translation>
    </message>
    <message>
        <source>last serial</source>
        <translation>letzte Seriennummer</translation>
    </message>
    <message>
        <source>Serial range:</source>
        <translation>Seriennummernbereich:</translation>
    </message>
    <message>
        <source>Versions compare as versions (2.10.0 is newer than 2.9.1)</source>
        <translation>Versionen werden als Versionen verglichen (2.10.0 ist neuer als 2.9.1)</translation>
    </message>
    <message>
        <source>version, e.g. 2.3.0</source>
        <translation>Version, z. B. 2.3.0</translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation>Firmware:</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>&amp;Tag:</translation>
    </message>
    <message>
        <source>pending acceptance</source>
        <translation>Annahme ausstehend</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>akzeptiert</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>Stat&amp;us:</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Filter leeren</translation>
    </message>
    <message>
        <source>The fleet has devices from %1 to %2</source>
        <translation>Die Flotte hat Geräte von %1 bis %2</translation>
    </message>
    <message>
        <source>Edited as text: this filter uses conditions the builder cannot show. Changing a picker replaces it.</source>
        <translation>Als Text bearbeitet: Dieser Filter verwendet Bedingungen, die der Editor nicht darstellen kann. Eine Änderung in einer Auswahlliste ersetzt ihn.</translation>
    </message>
    <message>
        <source>Edited as text: fix the filter to see it here.</source>
        <translation>Als Text bearbeitet: Korrigieren Sie den Filter, um ihn hier zu sehen.</translation>
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
    <name>otadesk::ui::FirmwarePickerDialog</name>
    <message>
        <source>Pick firmware</source>
        <translation>Firmware auswählen</translation>
    </message>
    <message>
        <source>Pick firmware for %1</source>
        <translation>Firmware für %1 auswählen</translation>
    </message>
    <message>
        <source>Filter by name, product, version, component…</source>
        <translation>Nach Name, Produkt, Version, Komponente filtern…</translation>
    </message>
    <message>
        <source>&amp;Use Firmware</source>
        <translation>Firmware &amp;verwenden</translation>
    </message>
    <message>
        <source>The manifest gets the SHA-256 digest and size of the image as a device flashes it (the flattened binary).</source>
        <translation>Das Manifest erhält den SHA-256-Digest und die Größe des Images so, wie ein Gerät es flasht (die flache Binärdatei).</translation>
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
    <name>otadesk::ui::GenerateKeyDialog</name>
    <message>
        <source>Generate signing key</source>
        <translation>Signaturschlüssel erzeugen</translation>
    </message>
    <message>
        <source>e.g. release-2025</source>
        <translation>z. B. release-2025</translation>
    </message>
    <message>
        <source>ECDSA with NIST P-256 and SHA-256 (COSE ES256): understood by MCUboot and most device bootloaders</source>
        <translation>ECDSA mit NIST P-256 und SHA-256 (COSE ES256): von MCUboot und den meisten Geräte-Bootloadern unterstützt</translation>
    </message>
    <message>
        <source>Ed25519 (COSE EdDSA): small and fast; the device must support it</source>
        <translation>Ed25519 (COSE EdDSA): klein und schnell; das Gerät muss es unterstützen</translation>
    </message>
    <message>
        <source>none — set later with “Set as Default for Product…”</source>
        <translation>keines — später über „Als Standard für Produkt festlegen…“ festlegen</translation>
    </message>
    <message>
        <source>Manifests for this product are signed with this key unless you choose another</source>
        <translation>Manifeste für dieses Produkt werden mit diesem Schlüssel signiert, sofern Sie keinen anderen wählen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Default for:</source>
        <translation>&amp;Standard für:</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <source>A key named “%1” exists already. Choose another name.</source>
        <translation>Ein Schlüssel namens „%1“ existiert bereits. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Enter a name for the key.</source>
        <translation>Geben Sie einen Namen für den Schlüssel ein.</translation>
    </message>
    <message>
        <source>Generating key %1…</source>
        <translation>Schlüssel %1 wird erzeugt…</translation>
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
    <name>otadesk::ui::IdentityForm</name>
    <message>
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <source>Sever the &amp;text section (its digest stays in the manifest)</source>
        <translation>&amp;Textabschnitt abtrennen (sein Digest bleibt im Manifest)</translation>
    </message>
    <message>
        <source>Sever the &amp;install sequence</source>
        <translation>&amp;Installationssequenz abtrennen</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>Product code: sequence numbers and default signing keys are kept per product</source>
        <translation>Produktcode: Sequenznummern und Standard-Signaturschlüssel werden pro Produkt geführt</translation>
    </message>
    <message>
        <source>Edit product</source>
        <translation>Produkt bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>&amp;Produkt:</translation>
    </message>
    <message>
        <source>Edit vendor domain</source>
        <translation>Hersteller-Domain bearbeiten</translation>
    </message>
    <message>
        <source>e.g. example.com</source>
        <translation>z. B. example.com</translation>
    </message>
    <message>
        <source>The vendor ID is the name-based UUID (v5) of this domain</source>
        <translation>Die Hersteller-ID ist die namensbasierte UUID (v5) dieser Domain</translation>
    </message>
    <message>
        <source>Vendor &amp;domain:</source>
        <translation>Hersteller-&amp;Domain:</translation>
    </message>
    <message>
        <source>Edit model name</source>
        <translation>Modellname bearbeiten</translation>
    </message>
    <message>
        <source>e.g. gateway-200</source>
        <translation>z. B. gateway-200</translation>
    </message>
    <message>
        <source>The class ID is the name-based UUID (v5) of this model name under the vendor ID</source>
        <translation>Die Klassen-ID ist die namensbasierte UUID (v5) dieses Modellnamens unter der Hersteller-ID</translation>
    </message>
    <message>
        <source>&amp;Model name:</source>
        <translation>&amp;Modellname:</translation>
    </message>
    <message>
        <source>Vendor ID:</source>
        <translation>Hersteller-ID:</translation>
    </message>
    <message>
        <source>Class ID:</source>
        <translation>Klassen-ID:</translation>
    </message>
    <message>
        <source>Devices install only manifests with a higher sequence number than the one they run</source>
        <translation>Geräte installieren nur Manifeste, deren Sequenznummer höher ist als die des installierten Manifests</translation>
    </message>
    <message>
        <source>Edit sequence number</source>
        <translation>Sequenznummer bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Nächste</translation>
    </message>
    <message>
        <source>Use the number after the highest one signed for this product in this workspace</source>
        <translation>Die Nummer nach der höchsten verwenden, die in diesem Arbeitsbereich für dieses Produkt signiert wurde</translation>
    </message>
    <message>
        <source>&amp;Sequence number:</source>
        <translation>&amp;Sequenznummer:</translation>
    </message>
    <message>
        <source>Edit version</source>
        <translation>Version bearbeiten</translation>
    </message>
    <message>
        <source>e.g. 2.3.0</source>
        <translation>z. B. 2.3.0</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>Edit description</source>
        <translation>Beschreibung bearbeiten</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Edit vendor name</source>
        <translation>Herstellername bearbeiten</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Vendor na&amp;me:</source>
        <translation>&amp;Herstellername:</translation>
    </message>
    <message>
        <source>Sever text</source>
        <translation>Text abtrennen</translation>
    </message>
    <message>
        <source>Sever install</source>
        <translation>Installation abtrennen</translation>
    </message>
    <message>
        <source>— (fill in the field above)</source>
        <translation>— (füllen Sie das Feld oben aus)</translation>
    </message>
    <message>
        <source>Next sequence number</source>
        <translation>Nächste Sequenznummer</translation>
    </message>
    <message>
        <source>Fill in the product first: sequence numbers are counted per product.</source>
        <translation>Geben Sie zuerst das Produkt ein: Sequenznummern werden pro Produkt gezählt.</translation>
    </message>
    <message>
        <source>Use next sequence number</source>
        <translation>Nächste Sequenznummer verwenden</translation>
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
    <name>otadesk::ui::ImportKeyDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>Import key</source>
        <translation>Schlüssel importieren</translation>
    </message>
    <message>
        <source>PEM file: private key (PKCS#8, SEC1) or public key</source>
        <translation>PEM-Datei: privater Schlüssel (PKCS#8, SEC1) oder öffentlicher Schlüssel</translation>
    </message>
    <message>
        <source>The passphrase the file was encrypted with</source>
        <translation>Die Passphrase, mit der die Datei verschlüsselt wurde</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>File &amp;passphrase:</source>
        <translation>Datei-&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>N&amp;eue Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>PEM keys (*.pem *.key *.pub);;All files (*)</source>
        <translation>PEM-Schlüssel (*.pem *.key *.pub);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read (or is larger than a key file can be).</source>
        <translation>%1 kann nicht gelesen werden (oder ist größer, als eine Schlüsseldatei sein kann).</translation>
    </message>
    <message>
        <source>%1 holds no PEM key (no “-----BEGIN … KEY-----” line).</source>
        <translation>%1 enthält keinen PEM-Schlüssel (keine Zeile „-----BEGIN … KEY-----“).</translation>
    </message>
    <message>
        <source>A key named “%1” exists already. Choose another name.</source>
        <translation>Ein Schlüssel namens „%1“ existiert bereits. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Choose a PEM file to import.</source>
        <translation>Wählen Sie eine PEM-Datei zum Importieren.</translation>
    </message>
    <message>
        <source>Choose a PEM key file.</source>
        <translation>Wählen Sie eine PEM-Schlüsseldatei.</translation>
    </message>
    <message>
        <source>Enter a name for the key.</source>
        <translation>Geben Sie einen Namen für den Schlüssel ein.</translation>
    </message>
    <message>
        <source>Enter the passphrase the file was encrypted with.</source>
        <translation>Geben Sie die Passphrase ein, mit der die Datei verschlüsselt wurde.</translation>
    </message>
    <message>
        <source>Importing key %1…</source>
        <translation>Schlüssel %1 wird importiert…</translation>
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
    <name>otadesk::ui::KeyDetails</name>
    <message>
        <source>&amp;Copy Public Key</source>
        <translation>Öffentlichen Schlüssel &amp;kopieren</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Key id:</source>
        <translation>Schlüssel-ID:</translation>
    </message>
    <message>
        <source>SHA-256 of the public key (SubjectPublicKeyInfo DER); manifests name their signing key by it</source>
        <translation>SHA-256 des öffentlichen Schlüssels (SubjectPublicKeyInfo DER); Manifeste bezeichnen ihren Signaturschlüssel damit</translation>
    </message>
    <message>
        <source>Default for:</source>
        <translation>Standard für:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>Privater Schlüssel:</translation>
    </message>
    <message>
        <source>The public key of the selected key appears here.</source>
        <translation>Hier erscheint der öffentliche Schlüssel des ausgewählten Schlüssels.</translation>
    </message>
    <message>
        <source>Copy the public key PEM to the clipboard, e.g. for a bootloader build or a server</source>
        <translation>Den öffentlichen Schlüssel als PEM in die Zwischenablage kopieren, z. B. für einen Bootloader-Build oder einen Server</translation>
    </message>
    <message>
        <source>Public key (PEM):</source>
        <translation>Öffentlicher Schlüssel (PEM):</translation>
    </message>
    <message>
        <source>No key selected</source>
        <translation>Kein Schlüssel ausgewählt</translation>
    </message>
    <message>
        <source>no product</source>
        <translation>kein Produkt</translation>
    </message>
    <message>
        <source>stored encrypted in the workspace (scrypt + AES-256); asks for the passphrase to sign</source>
        <translation>verschlüsselt im Arbeitsbereich gespeichert (scrypt + AES-256); zum Signieren wird die Passphrase abgefragt</translation>
    </message>
    <message>
        <source>not held — public key only, for verifying signatures</source>
        <translation>nicht vorhanden — nur öffentlicher Schlüssel, zum Verifizieren von Signaturen</translation>
    </message>
    <message>
        <source>No public key</source>
        <translation>Kein öffentlicher Schlüssel</translation>
    </message>
    <message>
        <source>Cannot read the public key: %1</source>
        <translation>Der öffentliche Schlüssel kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::KeyFormDialog</name>
    <message>
        <source>Command line: %1</source>
        <translation>Befehlszeile: %1</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::KeyTableModel</name>
    <message>
        <source>ECDSA P-256</source>
        <translation>ECDSA P-256</translation>
    </message>
    <message>
        <source>Ed25519</source>
        <translation>Ed25519</translation>
    </message>
    <message>
        <source>Private + public</source>
        <translation>Privat + öffentlich</translation>
    </message>
    <message>
        <source>Public only</source>
        <translation>Nur öffentlich</translation>
    </message>
    <message>
        <source>Key id (SHA-256 of the public key): %1</source>
        <translation>Schlüssel-ID (SHA-256 des öffentlichen Schlüssels): %1</translation>
    </message>
    <message>
        <source>The private key is stored encrypted in this workspace; it can sign.</source>
        <translation>Der private Schlüssel ist verschlüsselt in diesem Arbeitsbereich gespeichert; er kann signieren.</translation>
    </message>
    <message>
        <source>Only the public key is stored: it can verify signatures, not make them.</source>
        <translation>Nur der öffentliche Schlüssel ist gespeichert: Er kann Signaturen verifizieren, aber nicht erstellen.</translation>
    </message>
    <message>
        <source>Not the default signing key of any product</source>
        <translation>Für kein Produkt der Standard-Signaturschlüssel</translation>
    </message>
    <message>
        <source>Default signing key of: %1</source>
        <translation>Standard-Signaturschlüssel von: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <source>Default for</source>
        <translation>Standard für</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Enthält</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::KeysPage</name>
    <message>
        <source>&amp;Generate Key…</source>
        <translation>Schlüssel &amp;erzeugen…</translation>
    </message>
    <message>
        <source>&amp;Import Key…</source>
        <translation>Schlüssel &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export Public Key…</source>
        <translation>Öffentlichen Schlüssel e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Change &amp;Passphrase…</source>
        <translation>&amp;Passphrase ändern…</translation>
    </message>
    <message>
        <source>Set as &amp;Default for Product…</source>
        <translation>Als &amp;Standard für Produkt festlegen…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>De&amp;lete Key…</source>
        <translation>Schlüssel &amp;löschen…</translation>
    </message>
    <message>
        <source>Re&amp;load Keys</source>
        <translation>Schlüssel neu l&amp;aden</translation>
    </message>
    <message>
        <source>No otactl equivalent yet.</source>
        <translation>Noch keine Entsprechung in otactl.</translation>
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
        <source>Create a new signing key, stored encrypted with a passphrase</source>
        <translation>Einen neuen Signaturschlüssel erzeugen, mit einer Passphrase verschlüsselt gespeichert</translation>
    </message>
    <message>
        <source>Add a private or public key from a PEM file</source>
        <translation>Einen privaten oder öffentlichen Schlüssel aus einer PEM-Datei hinzufügen</translation>
    </message>
    <message>
        <source>Save the public key as a PEM file for devices, bootloaders and servers</source>
        <translation>Den öffentlichen Schlüssel als PEM-Datei für Geräte, Bootloader und Server speichern</translation>
    </message>
    <message>
        <source>Encrypt the private key with a new passphrase</source>
        <translation>Den privaten Schlüssel mit einer neuen Passphrase verschlüsseln</translation>
    </message>
    <message>
        <source>Sign the manifests of a product with this key unless another is chosen</source>
        <translation>Die Manifeste eines Produkts mit diesem Schlüssel signieren, sofern kein anderer gewählt wird</translation>
    </message>
    <message>
        <source>Give the key another name; its key id stays the same</source>
        <translation>Dem Schlüssel einen anderen Namen geben; seine Schlüssel-ID bleibt gleich</translation>
    </message>
    <message>
        <source>Delete the key from the workspace</source>
        <translation>Den Schlüssel aus dem Arbeitsbereich löschen</translation>
    </message>
    <message>
        <source>Read the keys of the workspace again</source>
        <translation>Die Schlüssel des Arbeitsbereichs erneut lesen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No workspace&lt;/h3&gt;&lt;p&gt;Choose a workspace in File › Settings….&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kein Arbeitsbereich&lt;/h3&gt;&lt;p&gt;Wählen Sie unter Datei › Einstellungen… einen Arbeitsbereich.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No signing keys yet&lt;/h3&gt;&lt;p&gt;Use &lt;b&gt;Generate Key…&lt;/b&gt; to create one (ECDSA P-256 or Ed25519), or &lt;b&gt;Import Key…&lt;/b&gt; for a PEM file you already have.&lt;/p&gt;&lt;p&gt;Private keys never leave this computer; they are stored encrypted with your passphrase in the workspace&apos;s keys folder.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Noch keine Signaturschlüssel&lt;/h3&gt;&lt;p&gt;Erzeugen Sie mit &lt;b&gt;Schlüssel erzeugen…&lt;/b&gt; einen neuen (ECDSA P-256 oder Ed25519) oder verwenden Sie &lt;b&gt;Schlüssel importieren…&lt;/b&gt; für eine vorhandene PEM-Datei.&lt;/p&gt;&lt;p&gt;Private Schlüssel verlassen diesen Computer nie; sie werden mit Ihrer Passphrase verschlüsselt im Schlüsselordner des Arbeitsbereichs gespeichert.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot list the keys in %1: %2</source>
        <translation>Die Schlüssel in %1 können nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>Generated %1 key %2, key id %3 (%4)</source>
        <translation>Schlüssel %2 (%1) erzeugt, Schlüssel-ID %3 (%4)</translation>
    </message>
    <message>
        <source>Imported %1 key %2, key id %3%4</source>
        <translation>Schlüssel %2 (%1) importiert, Schlüssel-ID %3%4</translation>
    </message>
    <message>
        <source> (public key only)</source>
        <translation> (nur öffentlicher Schlüssel)</translation>
    </message>
    <message>
        <source>Changed the passphrase of %1</source>
        <translation>Passphrase von %1 geändert</translation>
    </message>
    <message>
        <source>Export public key of %1</source>
        <translation>Öffentlichen Schlüssel von %1 exportieren</translation>
    </message>
    <message>
        <source>PEM public keys (*.pem);;All files (*)</source>
        <translation>Öffentliche PEM-Schlüssel (*.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot export the public key of %1: %2</source>
        <translation>Der öffentliche Schlüssel von %1 kann nicht exportiert werden: %2</translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation>Öffentlichen Schlüssel exportieren</translation>
    </message>
    <message>
        <source>The public key of %1 was not written to %2:
%3</source>
        <translation>Der öffentliche Schlüssel von %1 wurde nicht nach %2 geschrieben:
%3</translation>
    </message>
    <message>
        <source>Exported the public key of %1 to %2 (%3)</source>
        <translation>Öffentlichen Schlüssel von %1 nach %2 exportiert (%3)</translation>
    </message>
    <message>
        <source>Default signing key</source>
        <translation>Standard-Signaturschlüssel</translation>
    </message>
    <message>
        <source>Sign the manifests of this product with %1 by default
(the product&apos;s previous default key is unset):</source>
        <translation>Die Manifeste dieses Produkts standardmäßig mit %1 signieren
(der bisherige Standardschlüssel des Produkts wird aufgehoben):</translation>
    </message>
    <message>
        <source>%1 is now the default signing key of %2 (%3)</source>
        <translation>%1 ist jetzt der Standard-Signaturschlüssel von %2 (%3)</translation>
    </message>
    <message>
        <source>Rename key</source>
        <translation>Schlüssel umbenennen</translation>
    </message>
    <message>
        <source>New name for %1 (the key id stays %2):</source>
        <translation>Neuer Name für %1 (die Schlüssel-ID bleibt %2):</translation>
    </message>
    <message>
        <source>The name cannot be empty.</source>
        <translation>Der Name darf nicht leer sein.</translation>
    </message>
    <message>
        <source>Renamed key %1 to %2</source>
        <translation>Schlüssel %1 in %2 umbenannt</translation>
    </message>
    <message>
        <source>%1 (%2, key id %3)</source>
        <translation>%1 (%2, Schlüssel-ID %3)</translation>
    </message>
    <message>
        <source>Delete the signing key %1?

Signatures made with it can no longer be produced: its private key file is deleted from this workspace and cannot be restored. Devices and servers that trust its public key keep accepting what it signed before.</source>
        <translation>Signaturschlüssel %1 löschen?

Mit ihm können keine Signaturen mehr erstellt werden: Seine private Schlüsseldatei wird aus diesem Arbeitsbereich gelöscht und kann nicht wiederhergestellt werden. Geräte und Server, die seinem öffentlichen Schlüssel vertrauen, akzeptieren weiterhin, was zuvor damit signiert wurde.</translation>
    </message>
    <message>
        <source>Delete the public key %1?

Manifests signed with it can no longer be verified in this workspace.</source>
        <translation>Öffentlichen Schlüssel %1 löschen?

Damit signierte Manifeste können in diesem Arbeitsbereich nicht mehr verifiziert werden.</translation>
    </message>
    <message>
        <source>Delete key</source>
        <translation>Schlüssel löschen</translation>
    </message>
    <message>
        <source>Delete Key</source>
        <translation>Schlüssel löschen</translation>
    </message>
    <message>
        <source>Cannot delete key %1: %2</source>
        <translation>Schlüssel %1 kann nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted key %1 (%2)</source>
        <translation>Schlüssel %1 gelöscht (%2)</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::LocalServer</name>
    <message numerus="yes">
        <source>The local server did not stop within %n second(s); killing it.</source>
        <translation>
            <numerusform>Der lokale Server wurde nicht innerhalb von %n Sekunde beendet; er wird zwangsweise beendet.</numerusform>
            <numerusform>Der lokale Server wurde nicht innerhalb von %n Sekunden beendet; er wird zwangsweise beendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot find the otadesk-server program next to OTA Desk or on the PATH. Install it, or set OTADESK_SERVER_BINARY to its path.</source>
        <translation>Das Programm otadesk-server wurde weder neben OTA Desk noch im PATH gefunden. Installieren Sie es oder setzen Sie OTADESK_SERVER_BINARY auf seinen Pfad.</translation>
    </message>
    <message>
        <source>No workspace is open; the local server keeps its database in the workspace.</source>
        <translation>Es ist kein Arbeitsbereich geöffnet; der lokale Server speichert seine Datenbank im Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Cannot prepare the local server&apos;s database %1: %2</source>
        <translation>Die Datenbank %1 des lokalen Servers kann nicht vorbereitet werden: %2</translation>
    </message>
    <message>
        <source>Starting %1 %2</source>
        <translation>Starte %1 %2</translation>
    </message>
    <message>
        <source>Stopping the local server (process %1)</source>
        <translation>Lokaler Server wird beendet (Prozess %1)</translation>
    </message>
    <message>
        <source>The local server is listening on %1</source>
        <translation>Der lokale Server lauscht auf %1</translation>
    </message>
    <message>
        <source>it was killed or crashed</source>
        <translation>er wurde zwangsweise beendet oder ist abgestürzt</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>The local server stopped (%1).</source>
        <translation>Der lokale Server wurde beendet (%1).</translation>
    </message>
    <message>
        <source>The local server ended before it was ready (%1).</source>
        <translation>Der lokale Server wurde beendet, bevor er bereit war (%1).</translation>
    </message>
    <message>
        <source>The local server ended before it was ready (%1): %2</source>
        <translation>Der lokale Server wurde beendet, bevor er bereit war (%1): %2</translation>
    </message>
    <message>
        <source>The local server ended unexpectedly (%1).</source>
        <translation>Der lokale Server wurde unerwartet beendet (%1).</translation>
    </message>
    <message>
        <source>The local server ended unexpectedly (%1). Its last error: %2</source>
        <translation>Der lokale Server wurde unerwartet beendet (%1). Sein letzter Fehler: %2</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>The local server did not report its address within %n second(s).</source>
        <translation>
            <numerusform>Der lokale Server hat seine Adresse nicht innerhalb von %n Sekunde gemeldet.</numerusform>
            <numerusform>Der lokale Server hat seine Adresse nicht innerhalb von %n Sekunden gemeldet.</numerusform>
        </translation>
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
        <source>Devices</source>
        <translation>Geräte</translation>
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
        <source>Server</source>
        <translation>Server</translation>
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
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>&amp;Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Manifests</source>
        <translation>&amp;Manifeste</translation>
    </message>
    <message>
        <source>&amp;New Manifest</source>
        <translation>&amp;Neues Manifest</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel</numerusform>
            <numerusform>%n Schlüssel</numerusform>
        </translation>
    </message>
    <message>
        <source>%1* — OTA Desk</source>
        <translation>%1* — OTA Desk</translation>
    </message>
    <message>
        <source>Se&amp;rver</source>
        <translation>Se&amp;rver</translation>
    </message>
    <message>
        <source>Publish Selected &amp;Firmware…</source>
        <translation>Ausgewählte &amp;Firmware veröffentlichen…</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ManifestDrafts</name>
    <message>
        <source>not JSON (%1 at offset %2)</source>
        <translation>kein JSON (%1 bei Offset %2)</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>components[%1]: library entry %2 no longer has the image the draft names (digest differs)</source>
        <translation>components[%1]: Bibliothekseintrag %2 enthält nicht mehr das Image, das der Entwurf nennt (Digest weicht ab)</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ManifestPage</name>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Start a new manifest from a template</source>
        <translation>Ein neues Manifest aus einer Vorlage beginnen</translation>
    </message>
    <message>
        <source>&amp;Editor</source>
        <translation>&amp;Editor</translation>
    </message>
    <message>
        <source>En&amp;velope</source>
        <translation>&amp;Umschlag</translation>
    </message>
    <message>
        <source>Cannot read the firmware for a component: %1</source>
        <translation>Die Firmware für eine Komponente kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>New manifest: %1 — otactl: otactl manifest create --template %2 …</source>
        <translation>Neues Manifest: %1 — otactl: otactl manifest create --template %2 …</translation>
    </message>
    <message>
        <source>Open &amp;Draft…</source>
        <translation>Entwurf &amp;öffnen…</translation>
    </message>
    <message>
        <source>Open a manifest draft (*.suitspec.json) to edit it</source>
        <translation>Einen Manifest-Entwurf (*.suitspec.json) zum Bearbeiten öffnen</translation>
    </message>
    <message>
        <source>Save D&amp;raft…</source>
        <translation>Entwurf s&amp;peichern…</translation>
    </message>
    <message>
        <source>Save the form as a manifest draft (*.suitspec.json) to finish or rebuild it later</source>
        <translation>Das Formular als Manifest-Entwurf (*.suitspec.json) speichern, um es später fertigzustellen oder neu zu erstellen</translation>
    </message>
    <message>
        <source>S&amp;ign…</source>
        <translation>S&amp;ignieren…</translation>
    </message>
    <message>
        <source>Sign the manifest with a key of this workspace</source>
        <translation>Das Manifest mit einem Schlüssel dieses Arbeitsbereichs signieren</translation>
    </message>
    <message>
        <source>&amp;Save .suit</source>
        <translation>.suit &amp;speichern</translation>
    </message>
    <message>
        <source>Save the signed envelope (signs first if needed)</source>
        <translation>Den signierten Umschlag speichern (signiert vorher, falls nötig)</translation>
    </message>
    <message>
        <source>Save .suit &amp;As…</source>
        <translation>.suit speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save the signed envelope under another name</source>
        <translation>Den signierten Umschlag unter einem anderen Namen speichern</translation>
    </message>
    <message>
        <source>Open &amp;Envelope…</source>
        <translation>U&amp;mschlag öffnen…</translation>
    </message>
    <message>
        <source>Decode and verify a SUIT envelope (.suit) against the keys of this workspace</source>
        <translation>Einen SUIT-Umschlag (.suit) dekodieren und anhand der Schlüssel dieses Arbeitsbereichs verifizieren</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Take back the last change to the manifest</source>
        <translation>Die letzte Änderung am Manifest rückgängig machen</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Make the change taken back again</source>
        <translation>Die rückgängig gemachte Änderung wiederherstellen</translation>
    </message>
    <message>
        <source>Untitled manifest</source>
        <translation>Unbenanntes Manifest</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2%3%4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2%3%4</translation>
    </message>
    <message>
        <source> — &lt;span style=&apos;color:#1b7f3b&apos;&gt;signed&lt;/span&gt;</source>
        <translation> — &lt;span style=&apos;color:#1b7f3b&apos;&gt;signiert&lt;/span&gt;</translation>
    </message>
    <message>
        <source> — &lt;i&gt;unsaved changes&lt;/i&gt;</source>
        <translation> — &lt;i&gt;ungespeicherte Änderungen&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Command line: %1</source>
        <translation>Befehlszeile: %1</translation>
    </message>
    <message>
        <source>Unsaved manifest</source>
        <translation>Ungespeichertes Manifest</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Discard them?</source>
        <translation>%1 enthält nicht gespeicherte Änderungen. Verwerfen?</translation>
    </message>
    <message>
        <source>Discard Changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Sign manifest</source>
        <translation>Manifest signieren</translation>
    </message>
    <message>
        <source>The manifest cannot be built yet:
%1</source>
        <translation>Das Manifest kann noch nicht erstellt werden:
%1</translation>
    </message>
    <message>
        <source>Use next sequence number</source>
        <translation>Nächste Sequenznummer verwenden</translation>
    </message>
    <message>
        <source>Signed the manifest of %1, sequence number %2, with %3 (%4 bytes)</source>
        <translation>Manifest von %1, Sequenznummer %2, mit %3 signiert (%4 Bytes)</translation>
    </message>
    <message>
        <source>%1 (signed, not saved yet)</source>
        <translation>%1 (signiert, noch nicht gespeichert)</translation>
    </message>
    <message>
        <source>Save signed manifest</source>
        <translation>Signiertes Manifest speichern</translation>
    </message>
    <message>
        <source>SUIT envelopes (*.suit);;All files (*)</source>
        <translation>SUIT-Umschläge (*.suit);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The envelope was not written to %1:
%2</source>
        <translation>Der Umschlag wurde nicht nach %1 geschrieben:
%2</translation>
    </message>
    <message>
        <source>Saved the signed manifest to %1 (%2 bytes; check it with: %3)</source>
        <translation>Signiertes Manifest in %1 gespeichert (%2 Bytes; prüfen mit: %3)</translation>
    </message>
    <message>
        <source>Open SUIT envelope</source>
        <translation>SUIT-Umschlag öffnen</translation>
    </message>
    <message>
        <source>SUIT envelopes (*.suit *.cbor *.bin);;All files (*)</source>
        <translation>SUIT-Umschläge (*.suit *.cbor *.bin);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open %1 as a SUIT envelope: %2</source>
        <translation>%1 kann nicht als SUIT-Umschlag geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a SUIT envelope OTA Desk can read:
%2</source>
        <translation>%1 ist kein SUIT-Umschlag, den OTA Desk lesen kann:
%2</translation>
    </message>
    <message>
        <source>Opened %1: %2 (%3)</source>
        <translation>%1 geöffnet: %2 (%3)</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verifiziert</translation>
    </message>
    <message>
        <source>NOT verified</source>
        <translation>NICHT verifiziert</translation>
    </message>
    <message>
        <source>Open manifest draft</source>
        <translation>Manifest-Entwurf öffnen</translation>
    </message>
    <message>
        <source>Manifest drafts (*.suitspec.json);;All files (*)</source>
        <translation>Manifest-Entwürfe (*.suitspec.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open the manifest draft %1: %2</source>
        <translation>Der Manifest-Entwurf %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 cannot be opened as a manifest draft:
%2</source>
        <translation>%1 kann nicht als Manifest-Entwurf geöffnet werden:
%2</translation>
    </message>
    <message>
        <source>Opened the manifest draft %1</source>
        <translation>Manifest-Entwurf %1 geöffnet</translation>
    </message>
    <message>
        <source>Save manifest draft</source>
        <translation>Manifest-Entwurf speichern</translation>
    </message>
    <message>
        <source>Cannot save the manifest draft %1: %2</source>
        <translation>Der Manifest-Entwurf %1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The draft was not written to %1:
%2</source>
        <translation>Der Entwurf wurde nicht nach %1 geschrieben:
%2</translation>
    </message>
    <message>
        <source>Saved the manifest draft %1</source>
        <translation>Manifest-Entwurf %1 gespeichert</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ManifestPreview</name>
    <message>
        <source>Click a problem to go to its field</source>
        <translation>Klicken Sie auf ein Problem, um zum zugehörigen Feld zu gelangen</translation>
    </message>
    <message>
        <source>The CBOR diagnostic notation of the envelope appears here once the manifest has no problems.</source>
        <translation>Die CBOR-Diagnosenotation des Umschlags erscheint hier, sobald das Manifest keine Probleme mehr hat.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No problems: the manifest can be signed.</source>
        <translation>Keine Probleme: Das Manifest kann signiert werden.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n problem(s)&lt;/b&gt; — fix them to see the envelope</source>
        <translation>
            <numerusform>&lt;b&gt;%n Problem&lt;/b&gt; — beheben Sie es, um den Umschlag zu sehen</numerusform>
            <numerusform>&lt;b&gt;%n Probleme&lt;/b&gt; — beheben Sie sie, um den Umschlag zu sehen</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsigned envelope: &lt;b&gt;%1 bytes&lt;/b&gt; — manifest: %2 bytes</source>
        <translation>Nicht signierter Umschlag: &lt;b&gt;%1 Bytes&lt;/b&gt; — Manifest: %2 Bytes</translation>
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
    <name>otadesk::ui::PassphraseFields</name>
    <message>
        <source>Choose a passphrase; it cannot be recovered if you forget it.</source>
        <translation>Wählen Sie eine Passphrase; wenn Sie sie vergessen, kann sie nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Weak (about %1 bits): use at least 12 characters or several words.</source>
        <translation>Schwach (etwa %1 Bit): Verwenden Sie mindestens 12 Zeichen oder mehrere Wörter.</translation>
    </message>
    <message>
        <source>Fair (about %1 bits): longer is better.</source>
        <translation>Mittel (etwa %1 Bit): Länger ist besser.</translation>
    </message>
    <message>
        <source>Strong (about %1 bits).</source>
        <translation>Stark (etwa %1 Bit).</translation>
    </message>
    <message>
        <source>Very strong (about %1 bits).</source>
        <translation>Sehr stark (etwa %1 Bit).</translation>
    </message>
    <message>
        <source>Con&amp;firm:</source>
        <translation>&amp;Bestätigen:</translation>
    </message>
    <message>
        <source>Enter a passphrase: private keys are only stored encrypted.</source>
        <translation>Geben Sie eine Passphrase ein: Private Schlüssel werden nur verschlüsselt gespeichert.</translation>
    </message>
    <message>
        <source>The passphrases do not match. Type the same passphrase in both fields.</source>
        <translation>Die Passphrasen stimmen nicht überein. Geben Sie in beiden Feldern dieselbe Passphrase ein.</translation>
    </message>
    <message>
        <source>The passphrases do not match.</source>
        <translation>Die Passphrasen stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ProfileDialog</name>
    <message>
        <source>Do not verify the server&apos;s TLS certificate (insecure)</source>
        <translation>TLS-Zertifikat des Servers nicht prüfen (unsicher)</translation>
    </message>
    <message>
        <source>Edit Server Profile</source>
        <translation>Serverprofil bearbeiten</translation>
    </message>
    <message>
        <source>New Server Profile</source>
        <translation>Neues Serverprofil</translation>
    </message>
    <message>
        <source>https://updates.example.com:8443</source>
        <translation>https://updates.example.com:8443</translation>
    </message>
    <message>
        <source>Optional: PEM file of a certificate to trust, e.g. server.crt</source>
        <translation>Optional: PEM-Datei eines vertrauenswürdigen Zertifikats, z. B. server.crt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Certificate checks are off.&lt;/b&gt; Anybody on the network path can read the token and change what the server sends. Use this only for a self-signed local test server; trusting its certificate (CA certificate file) is safer.</source>
        <translation>&lt;b&gt;Zertifikatsprüfungen sind ausgeschaltet.&lt;/b&gt; Jeder auf dem Netzwerkpfad kann das Token lesen und verändern, was der Server sendet. Verwenden Sie dies nur für einen selbstsignierten lokalen Testserver; seinem Zertifikat zu vertrauen (CA-Zertifikatsdatei) ist sicherer.</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored token</source>
        <translation>Leer lassen, um das gespeicherte Token zu behalten</translation>
    </message>
    <message>
        <source>otd_…</source>
        <translation>otd_…</translation>
    </message>
    <message>
        <source>Checking the OS keychain…</source>
        <translation>Schlüsselbund des Betriebssystems wird geprüft…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;CA certificate:</source>
        <translation>&amp;CA-Zertifikat:</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>API-&amp;Token:</translation>
    </message>
    <message>
        <source>The token of this profile is in the settings file; saving moves it to the OS keychain.</source>
        <translation>Das Token dieses Profils befindet sich in der Einstellungsdatei; beim Speichern wird es in den Schlüsselbund des Betriebssystems verschoben.</translation>
    </message>
    <message>
        <source>The token is kept in the OS keychain.</source>
        <translation>Das Token wird im Schlüsselbund des Betriebssystems aufbewahrt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The token will be stored unencrypted&lt;/b&gt; in %1, because %2.</source>
        <translation>&lt;b&gt;Das Token wird unverschlüsselt in %1 gespeichert&lt;/b&gt;. Grund: %2.</translation>
    </message>
    <message>
        <source>CA Certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>PEM certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.crt *.pem *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation>Geben Sie dem Profil einen Namen.</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already.</source>
        <translation>Ein Profil namens &quot;%1&quot; existiert bereits.</translation>
    </message>
    <message>
        <source>Enter the API token (otd_…) the server&apos;s administrator gave you, or create one with &quot;otactl server token&quot;.</source>
        <translation>Geben Sie das API-Token (otd_…) ein, das Sie vom Administrator des Servers erhalten haben, oder erstellen Sie eines mit &quot;otactl server token&quot;.</translation>
    </message>
    <message>
        <source>API tokens start with &quot;otd_&quot;.</source>
        <translation>API-Tokens beginnen mit &quot;otd_&quot;.</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::PublishActions</name>
    <message>
        <source>&amp;Publish to Server…</source>
        <translation>Auf Server &amp;veröffentlichen…</translation>
    </message>
    <message>
        <source>shown on the Envelope tab</source>
        <translation>auf dem Tab „Umschlag“ angezeigt</translation>
    </message>
    <message>
        <source>of “%1”, just signed</source>
        <translation>von „%1“, soeben signiert</translation>
    </message>
    <message>
        <source>Connect to a server on the Server page first.</source>
        <translation>Verbinden Sie sich zuerst auf der Seite „Server“ mit einem Server.</translation>
    </message>
    <message>
        <source>Your role (%1) on %2 lacks the permission %3.</source>
        <translation>Ihrer Rolle (%1) auf %2 fehlt die Berechtigung %3.</translation>
    </message>
    <message>
        <source>Sends it to %1.</source>
        <translation>Sendet ihn an %1.</translation>
    </message>
    <message>
        <source>Upload the selected firmware to the server as a payload.</source>
        <translation>Die ausgewählte Firmware als Payload auf den Server hochladen.</translation>
    </message>
    <message>
        <source>Send the signed SUIT envelope to the server, which checks it against the tenant&apos;s keys.</source>
        <translation>Den signierten SUIT-Umschlag an den Server senden, der ihn mit den Schlüsseln des Mandanten prüft.</translation>
    </message>
    <message>
        <source>Publish to Server</source>
        <translation>Auf Server veröffentlichen</translation>
    </message>
    <message>
        <source>Select the firmware entry to publish.</source>
        <translation>Wählen Sie den zu veröffentlichenden Firmware-Eintrag aus.</translation>
    </message>
    <message>
        <source>Select one firmware entry; they are published one at a time.</source>
        <translation>Wählen Sie einen einzelnen Firmware-Eintrag aus; sie werden einzeln veröffentlicht.</translation>
    </message>
    <message>
        <source>There is no signed envelope to publish. Sign the manifest (Manifests › Sign…) or open a .suit file first.</source>
        <translation>Es gibt keinen signierten Umschlag zum Veröffentlichen. Signieren Sie zuerst das Manifest (Manifeste › Signieren…) oder öffnen Sie eine .suit-Datei.</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::PublishDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Publish to Server</source>
        <translation>Auf Server veröffentlichen</translation>
    </message>
    <message>
        <source>Publishing &lt;b&gt;%1&lt;/b&gt; (library entry %2, %3) to &lt;b&gt;%4&lt;/b&gt; as payload “%5”.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (Bibliothekseintrag %2, %3) wird als Payload „%5“ auf &lt;b&gt;%4&lt;/b&gt; veröffentlicht.</translation>
    </message>
    <message>
        <source>Publishing the image of &lt;b&gt;%1&lt;/b&gt; (library entry %2, flattened to binary — the bytes a device installs and a manifest&apos;s digest names) to &lt;b&gt;%3&lt;/b&gt; as payload “%4”.</source>
        <translation>Das Image von &lt;b&gt;%1&lt;/b&gt; (Bibliothekseintrag %2, in Binärform umgewandelt — die Bytes, die ein Gerät installiert und deren Digest ein Manifest nennt) wird als Payload „%4“ auf &lt;b&gt;%3&lt;/b&gt; veröffentlicht.</translation>
    </message>
    <message>
        <source>Preparing the payload…</source>
        <translation>Payload wird vorbereitet…</translation>
    </message>
    <message>
        <source>The stored file of entry %1 is missing.</source>
        <translation>Die gespeicherte Datei von Eintrag %1 fehlt.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot prepare the payload: %1</source>
        <translation>Die Payload kann nicht vorbereitet werden: %1</translation>
    </message>
    <message>
        <source>Not connected to a server any more.</source>
        <translation>Nicht mehr mit einem Server verbunden.</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>Wird hochgeladen…</translation>
    </message>
    <message>
        <source>Uploading… %1 of %2</source>
        <translation>Wird hochgeladen… %1 von %2</translation>
    </message>
    <message>
        <source>Resuming at %1 after: %2</source>
        <translation>Fortsetzen bei %1 nach: %2</translation>
    </message>
    <message>
        <source>Cancelled; nothing was published.</source>
        <translation>Abgebrochen; es wurde nichts veröffentlicht.</translation>
    </message>
    <message>
        <source>The server already had this content: payload %1 “%2”, %3, SHA-256 %4.</source>
        <translation>Der Server hatte diesen Inhalt bereits: Payload %1 „%2“, %3, SHA-256 %4.</translation>
    </message>
    <message>
        <source>Published as payload %1 “%2”, %3, SHA-256 %4.</source>
        <translation>Veröffentlicht als Payload %1 „%2“, %3, SHA-256 %4.</translation>
    </message>
    <message>
        <source>Publishing the signed SUIT envelope %1 (%2) to &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>Der signierte SUIT-Umschlag %1 (%2) wird auf &lt;b&gt;%3&lt;/b&gt; veröffentlicht.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>The server refused the manifest: %1 (%2 %3)</source>
        <translation>Der Server hat das Manifest abgelehnt: %1 (%2 %3)</translation>
    </message>
    <message>
        <source>The server already had this manifest: manifest %1, product %2, sequence number %3.</source>
        <translation>Der Server hatte dieses Manifest bereits: Manifest %1, Produkt %2, Sequenznummer %3.</translation>
    </message>
    <message>
        <source>Published as manifest %1, product %2, sequence number %3.</source>
        <translation>Veröffentlicht als Manifest %1, Produkt %2, Sequenznummer %3.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Publishing to %1 cancelled.</source>
        <translation>Veröffentlichen auf %1 abgebrochen.</translation>
    </message>
    <message>
        <source>Publishing to %1 failed: %2</source>
        <translation>Veröffentlichen auf %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::SavedViews</name>
    <message>
        <source>No workspace is open: the view is kept until OTA Desk closes.</source>
        <translation>Es ist kein Arbeitsbereich geöffnet: Die Ansicht bleibt erhalten, bis OTA Desk geschlossen wird.</translation>
    </message>
    <message>
        <source>Cannot save the views to %1: %2</source>
        <translation>Die Ansichten können nicht in %1 gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ServerConnection</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>The server at %1 answered /whoami without a tenant or role.</source>
        <translation>Der Server unter %1 hat /whoami ohne Mandant oder Rolle beantwortet.</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ServerLogModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>source=OTA Desk</source>
        <translation>source=OTA Desk</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ServerLogView</name>
    <message>
        <source>Filter the log (message, path, status, request id…)</source>
        <translation>Protokoll filtern (Meldung, Pfad, Status, Anfrage-ID…)</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
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
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Remove the lines shown so far (the server keeps running)</source>
        <translation>Bisher angezeigte Zeilen entfernen (der Server läuft weiter)</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ServerPage</name>
    <message>
        <source>Local server log</source>
        <translation>Protokoll des lokalen Servers</translation>
    </message>
    <message>
        <source>Local (bundled): otadesk-server started by OTA Desk on this computer with the workspace&apos;s database. Remote: a server profile with its URL and token.</source>
        <translation>Lokal (mitgeliefert): otadesk-server, von OTA Desk auf diesem Computer mit der Datenbank des Arbeitsbereichs gestartet. Remote: ein Serverprofil mit URL und Token.</translation>
    </message>
    <message>
        <source>C&amp;onnection:</source>
        <translation>&amp;Verbindung:</translation>
    </message>
    <message>
        <source>Connected to %1 (%2) as %3, role %4, tenant %5</source>
        <translation>Verbunden mit %1 (%2) als %3, Rolle %4, Mandant %5</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Ver&amp;binden</translation>
    </message>
    <message>
        <source>Connect to the chosen server; the local one is started first</source>
        <translation>Mit dem gewählten Server verbinden; der lokale wird zuerst gestartet</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>Close the connection; the local server is stopped</source>
        <translation>Verbindung schließen; der lokale Server wird beendet</translation>
    </message>
    <message>
        <source>&amp;Restart Local Server</source>
        <translation>Lokalen Server neu &amp;starten</translation>
    </message>
    <message>
        <source>Stop the bundled otadesk-server and start it again</source>
        <translation>Den mitgelieferten otadesk-server beenden und erneut starten</translation>
    </message>
    <message>
        <source>&amp;New Profile…</source>
        <translation>&amp;Neues Profil…</translation>
    </message>
    <message>
        <source>Add a remote server: URL, CA certificate and API token</source>
        <translation>Remote-Server hinzufügen: URL, CA-Zertifikat und API-Token</translation>
    </message>
    <message>
        <source>&amp;Edit Profile…</source>
        <translation>Profil be&amp;arbeiten…</translation>
    </message>
    <message>
        <source>Change the chosen remote profile</source>
        <translation>Das gewählte Remote-Profil ändern</translation>
    </message>
    <message>
        <source>Delete Pro&amp;file</source>
        <translation>Profil &amp;löschen</translation>
    </message>
    <message>
        <source>Delete the chosen remote profile and its stored token</source>
        <translation>Das gewählte Remote-Profil und sein gespeichertes Token löschen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Mandant:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>Local (bundled)</source>
        <translation>Lokal (mitgeliefert)</translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation>Remote: %1</translation>
    </message>
    <message>
        <source>The workspace changed; the local server of the previous one was stopped.</source>
        <translation>Der Arbeitsbereich hat sich geändert; der lokale Server des vorherigen wurde beendet.</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; does not exist any more.</source>
        <translation>Das Profil &quot;%1&quot; existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Cannot read the token of profile &quot;%1&quot;: %2. Edit the profile and enter the token again.</source>
        <translation>Das Token von Profil &quot;%1&quot; kann nicht gelesen werden: %2. Bearbeiten Sie das Profil und geben Sie das Token erneut ein.</translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation>Verbindung zu %1 getrennt</translation>
    </message>
    <message>
        <source>Cannot save the profile &quot;%1&quot;: %2</source>
        <translation>Das Profil &quot;%1&quot; kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved server profile &quot;%1&quot; (%2)</source>
        <translation>Serverprofil &quot;%1&quot; gespeichert (%2)</translation>
    </message>
    <message>
        <source>Delete Profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <source>Delete the server profile &quot;%1&quot; and its stored token?</source>
        <translation>Das Serverprofil &quot;%1&quot; und sein gespeichertes Token löschen?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Deleted server profile &quot;%1&quot;</source>
        <translation>Serverprofil &quot;%1&quot; gelöscht</translation>
    </message>
    <message>
        <source>&lt;b&gt;TLS certificate verification is switched off&lt;/b&gt; for %1. The connection is encrypted but the server is not authenticated: anybody on the network path could read the token or change what is sent. Trust the server&apos;s certificate in the profile (CA certificate) instead.</source>
        <translation>&lt;b&gt;Die Prüfung des TLS-Zertifikats ist ausgeschaltet&lt;/b&gt; für %1. Die Verbindung ist verschlüsselt, aber der Server ist nicht authentifiziert: Jeder auf dem Netzwerkpfad könnte das Token lesen oder verändern, was gesendet wird. Vertrauen Sie stattdessen dem Zertifikat des Servers im Profil (CA-Zertifikat).</translation>
    </message>
    <message>
        <source>The token of &quot;%1&quot; is stored unencrypted in %2 because the OS keychain could not be used%3.</source>
        <translation>Das Token von &quot;%1&quot; wird unverschlüsselt in %2 gespeichert, weil der Schlüsselbund des Betriebssystems nicht verwendet werden konnte%3.</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Starting the local server…</source>
        <translation>Lokaler Server wird gestartet…</translation>
    </message>
    <message>
        <source>Stopping the local server…</source>
        <translation>Lokaler Server wird beendet…</translation>
    </message>
    <message>
        <source>The local server ended unexpectedly</source>
        <translation>Der lokale Server wurde unerwartet beendet</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>%1 (server administrator)</source>
        <translation>%1 (Serveradministrator)</translation>
    </message>
    <message>
        <source>Permissions: %1</source>
        <translation>Berechtigungen: %1</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Es ist kein Arbeitsbereich geöffnet.</translation>
    </message>
    <message>
        <source>Runs otadesk-server on 127.0.0.1 with the database %1.</source>
        <translation>Führt otadesk-server auf 127.0.0.1 mit der Datenbank %1 aus.</translation>
    </message>
    <message>
        <source>Process %1 listening on %2.</source>
        <translation>Prozess %1 lauscht auf %2.</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::ServerStatusWidget</name>
    <message>
        <source>TLS not verified</source>
        <translation>TLS nicht verifiziert</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate is not checked for this connection (insecure opt-out in its profile). Anybody on the network path could read or change the traffic.</source>
        <translation>Das TLS-Zertifikat des Servers wird für diese Verbindung nicht geprüft (unsichere Ausnahme in seinem Profil). Jeder auf dem Netzwerkpfad könnte den Datenverkehr lesen oder verändern.</translation>
    </message>
    <message>
        <source>Connected to %1 as %2 (%3), server version %4</source>
        <translation>Verbunden mit %1 als %2 (%3), Serverversion %4</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connect to a server on the Server page</source>
        <translation>Auf der Seite „Server“ mit einem Server verbinden</translation>
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
    <name>otadesk::ui::SignDialog</name>
    <message>
        <source>Sign manifest</source>
        <translation>Manifest signieren</translation>
    </message>
    <message>
        <source>Sign manifest for %1</source>
        <translation>Manifest für %1 signieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, sequence number %2%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, Sequenznummer %2%3</translation>
    </message>
    <message>
        <source>(no product)</source>
        <translation>(kein Produkt)</translation>
    </message>
    <message>
        <source>, version %1</source>
        <translation>, Version %1</translation>
    </message>
    <message>
        <source>Manifest:</source>
        <translation>Manifest:</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <source> (default for %1)</source>
        <translation> (Standard für %1)</translation>
    </message>
    <message>
        <source>Signing &amp;key:</source>
        <translation>Signatursch&amp;lüssel:</translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation>&amp;Algorithmus:</translation>
    </message>
    <message>
        <source>%1 (recommended)</source>
        <translation>%1 (empfohlen)</translation>
    </message>
    <message>
        <source>%1 (for older devices)</source>
        <translation>%1 (für ältere Geräte)</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Signieren</translation>
    </message>
    <message>
        <source>There is no signing key with a private key in this workspace. Generate or import one on the Keys page first.</source>
        <translation>In diesem Arbeitsbereich gibt es keinen Signaturschlüssel mit privatem Schlüssel. Erzeugen oder importieren Sie zuerst einen auf der Seite „Schlüssel“.</translation>
    </message>
    <message>
        <source>Choose a signing key.</source>
        <translation>Wählen Sie einen Signaturschlüssel.</translation>
    </message>
    <message>
        <source>Enter the passphrase of %1.</source>
        <translation>Geben Sie die Passphrase von %1 ein.</translation>
    </message>
    <message>
        <source>The envelope has no manifest digest.</source>
        <translation>Der Umschlag hat keinen Manifest-Digest.</translation>
    </message>
    <message>
        <source>Not signed: %1
Devices that installed the newer manifest would refuse this one (rollback protection).</source>
        <translation>Nicht signiert: %1
Geräte, die das neuere Manifest installiert haben, würden dieses ablehnen (Rollback-Schutz).</translation>
    </message>
    <message>
        <source>Use sequence number %1</source>
        <translation>Sequenznummer %1 verwenden</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, sequence number %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, Sequenznummer %2</translation>
    </message>
    <message>
        <source>Signing the manifest with %1…</source>
        <translation>Manifest wird mit %1 signiert…</translation>
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
<context>
    <name>otadesk::ui::TokenVault</name>
    <message>
        <source>the OS keychain is switched off ($OTADESK_KEYCHAIN=off)</source>
        <translation>der Schlüsselbund des Betriebssystems ist ausgeschaltet ($OTADESK_KEYCHAIN=off)</translation>
    </message>
    <message>
        <source>this build of OTA Desk has no keychain support (QtKeychain was not found)</source>
        <translation>dieser Build von OTA Desk unterstützt keinen Schlüsselbund (QtKeychain wurde nicht gefunden)</translation>
    </message>
    <message numerus="yes">
        <source>the OS keychain did not answer within %n second(s)</source>
        <translation>
            <numerusform>der Schlüsselbund des Betriebssystems hat nicht innerhalb von %n Sekunde geantwortet</numerusform>
            <numerusform>der Schlüsselbund des Betriebssystems hat nicht innerhalb von %n Sekunden geantwortet</numerusform>
        </translation>
    </message>
    <message>
        <source>no token is stored in the OS keychain for this profile</source>
        <translation>im Schlüsselbund des Betriebssystems ist für dieses Profil kein Token gespeichert</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>Fehler %1</translation>
    </message>
    <message>
        <source>the OS keychain is not available (%1)</source>
        <translation>der Schlüsselbund des Betriebssystems ist nicht verfügbar (%1)</translation>
    </message>
</context>
<context>
    <name>otadesk::ui::keycommands</name>
    <message>
        <source>In scripts the passphrase comes from $OTADESK_PASSPHRASE or --passphrase-file FILE.</source>
        <translation>In Skripten kommt die Passphrase aus $OTADESK_PASSPHRASE oder --passphrase-file FILE.</translation>
    </message>
    <message>
        <source>In scripts the new passphrase comes from $OTADESK_PASSPHRASE or --passphrase-file FILE, an encrypted file&apos;s own from $OTADESK_SOURCE_PASSPHRASE or --source-passphrase-file FILE.</source>
        <translation>In Skripten kommt die neue Passphrase aus $OTADESK_PASSPHRASE oder --passphrase-file FILE, die eigene Passphrase einer verschlüsselten Datei aus $OTADESK_SOURCE_PASSPHRASE oder --source-passphrase-file FILE.</translation>
    </message>
    <message>
        <source>In scripts the current passphrase comes from $OTADESK_PASSPHRASE or --passphrase-file FILE, the new one from $OTADESK_NEW_PASSPHRASE or --new-passphrase-file FILE.</source>
        <translation>In Skripten kommt die aktuelle Passphrase aus $OTADESK_PASSPHRASE oder --passphrase-file FILE, die neue aus $OTADESK_NEW_PASSPHRASE oder --new-passphrase-file FILE.</translation>
    </message>
</context>
</TS>
