<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AddToolDialog</name>
    <message>
        <source>Add tool</source>
        <translation>Tool hinzufügen</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Tool</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>A function name, e.g. current_time</source>
        <translation>Ein Funktionsname, z. B. current_time</translation>
    </message>
    <message>
        <source>Choose a &amp;tool, or type the name of a function:</source>
        <translation>&amp;Tool auswählen oder den Namen einer Funktion eingeben:</translation>
    </message>
</context>
<context>
    <name>ApiKeyDialog</name>
    <message>
        <source>Gemini API key</source>
        <translation>Gemini-API-Schlüssel</translation>
    </message>
    <message>
        <source>Gemini Desktop needs an API key. It is kept in your system keyring, never in a file. &lt;a href=&quot;{0}&quot;&gt;Create a key in Google AI Studio&lt;/a&gt;.</source>
        <translation>Gemini Desktop benötigt einen API-Schlüssel. Er wird im Schlüsselbund Ihres Systems aufbewahrt, nie in einer Datei. &lt;a href=&quot;{0}&quot;&gt;Einen Schlüssel in Google AI Studio erstellen&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation>Fügen Sie Ihren API-Schlüssel ein</translation>
    </message>
    <message>
        <source>Show key</source>
        <translation>Schlüssel anzeigen</translation>
    </message>
    <message>
        <source>Save without checking</source>
        <translation>Ohne Prüfung speichern</translation>
    </message>
    <message>
        <source>Keep the key now; it is checked when it is first used.</source>
        <translation>Den Schlüssel jetzt übernehmen; er wird bei der ersten Verwendung geprüft.</translation>
    </message>
    <message>
        <source>A key from the environment (GEMINI_API_KEY) is in use and takes precedence.</source>
        <translation>Ein Schlüssel aus der Umgebung (GEMINI_API_KEY) wird verwendet und hat Vorrang.</translation>
    </message>
    <message>
        <source>Gemini Desktop needs an API key. &lt;a href=&quot;{0}&quot;&gt;Create a key in Google AI Studio&lt;/a&gt;.</source>
        <translation>Gemini Desktop benötigt einen API-Schlüssel. &lt;a href=&quot;{0}&quot;&gt;Einen Schlüssel in Google AI Studio erstellen&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The key cannot be stored:&lt;/b&gt; no usable system keyring was found, so a key entered here is used until you quit and must be entered again next time.&lt;br&gt;To keep it, install a keyring (on Debian/Ubuntu: &lt;code&gt;sudo apt install {0}&lt;/code&gt;) and log in again, or set the &lt;code&gt;GEMINI_API_KEY&lt;/code&gt; environment variable before starting the app.</source>
        <translation>&lt;b&gt;Der Schlüssel kann nicht gespeichert werden:&lt;/b&gt; Es wurde kein nutzbarer Schlüsselbund des Systems gefunden. Ein hier eingegebener Schlüssel gilt daher nur bis zum Beenden und muss beim nächsten Mal erneut eingegeben werden.&lt;br&gt;Um ihn zu behalten, installieren Sie einen Schlüsselbund (unter Debian/Ubuntu: &lt;code&gt;sudo apt install {0}&lt;/code&gt;) und melden Sie sich erneut an, oder setzen Sie vor dem Start der App die Umgebungsvariable &lt;code&gt;GEMINI_API_KEY&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>Use for this session</source>
        <translation>Für diese Sitzung verwenden</translation>
    </message>
    <message>
        <source>Checking the key with {0}… {1} s</source>
        <translation>Schlüssel wird bei {0} geprüft … {1} s</translation>
    </message>
    <message>
        <source>the Gemini API</source>
        <translation>der Gemini API</translation>
    </message>
    <message>
        <source>You can save the key without checking it; it is checked when it is first used.</source>
        <translation>Sie können den Schlüssel ohne Prüfung speichern; er wird bei der ersten Verwendung geprüft.</translation>
    </message>
</context>
<context>
    <name>AppError</name>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
    <message>
        <source>No API key</source>
        <translation>Kein API-Schlüssel</translation>
    </message>
    <message>
        <source>API key rejected</source>
        <translation>API-Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>Quota exceeded</source>
        <translation>Kontingent ausgeschöpft</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Anfragelimit erreicht</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>Keine Verbindung</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Conversation expired on the server</source>
        <translation>Unterhaltung auf dem Server abgelaufen</translation>
    </message>
    <message>
        <source>The answer failed</source>
        <translation>Die Antwort ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>The answer was cut off</source>
        <translation>Die Antwort wurde abgeschnitten</translation>
    </message>
    <message>
        <source>The answer stopped</source>
        <translation>Die Antwort wurde abgebrochen</translation>
    </message>
    <message>
        <source>No keyring</source>
        <translation>Kein Schlüsselbund</translation>
    </message>
    <message>
        <source>Add an API key in Settings → API key, or set GEMINI_API_KEY.</source>
        <translation>Fügen Sie unter Einstellungen → API-Schlüssel einen API-Schlüssel hinzu, oder setzen Sie GEMINI_API_KEY.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>the folder is read-only</source>
        <translation>der Ordner ist schreibgeschützt</translation>
    </message>
    <message>
        <source>the disk reported an I/O error</source>
        <translation>der Datenträger hat einen E/A-Fehler gemeldet</translation>
    </message>
    <message>
        <source>the app may not write there</source>
        <translation>die App darf dort nicht schreiben</translation>
    </message>
    <message>
        <source>another program (another Gemini Desktop?) is using the database</source>
        <translation>ein anderes Programm (ein weiteres Gemini Desktop?) verwendet die Datenbank</translation>
    </message>
    <message>
        <source>the database could not be written</source>
        <translation>die Datenbank konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Can&apos;t attach this file</source>
        <translation>Diese Datei kann nicht angehängt werden</translation>
    </message>
    <message>
        <source>The server no longer has the earlier part of this conversation.</source>
        <translation>Der Server hat den früheren Teil dieser Unterhaltung nicht mehr.</translation>
    </message>
    <message>
        <source>The API key was rejected. Check it in Settings → API key, or create a new one in Google AI Studio.</source>
        <translation>Der API-Schlüssel wurde abgelehnt. Prüfen Sie ihn unter Einstellungen → API-Schlüssel, oder erstellen Sie in Google AI Studio einen neuen.</translation>
    </message>
    <message>
        <source>This API key may not use that model or feature. Check the key&apos;s project and its access.</source>
        <translation>Dieser API-Schlüssel darf dieses Modell oder diese Funktion nicht verwenden. Prüfen Sie das Projekt des Schlüssels und seine Zugriffsrechte.</translation>
    </message>
    <message>
        <source>The server could not find that item.</source>
        <translation>Der Server konnte das Element nicht finden.</translation>
    </message>
    <message>
        <source>The server took too long to answer.</source>
        <translation>Der Server hat zu lange für die Antwort gebraucht.</translation>
    </message>
    <message>
        <source>The Gemini service had a problem. Try again in a moment.</source>
        <translation>Beim Gemini-Dienst ist ein Problem aufgetreten. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The connection dropped while the server was continuing a long answer. What arrived is kept; you can retry.</source>
        <translation>Die Verbindung ist abgebrochen, während der Server eine lange Antwort fortsetzte. Was angekommen ist, bleibt erhalten; Sie können es erneut versuchen.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Check your connection and try again.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Could not reach the Gemini service, or the connection dropped. Check your connection.</source>
        <translation>Der Gemini-Dienst war nicht erreichbar, oder die Verbindung ist abgebrochen. Prüfen Sie Ihre Verbindung.</translation>
    </message>
    <message>
        <source>The server sent an answer the app could not read.</source>
        <translation>Der Server hat eine Antwort gesendet, die die App nicht lesen konnte.</translation>
    </message>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation>Der Server hat eine unerwartete Antwort gesendet.</translation>
    </message>
    <message>
        <source>The API key contains a character that cannot be sent (spaces, quotes and accented letters cannot be part of a key). Copy the key again from Google AI Studio.</source>
        <translation>Der API-Schlüssel enthält ein Zeichen, das nicht gesendet werden kann (Leerzeichen, Anführungszeichen und Buchstaben mit Akzent können nicht Teil eines Schlüssels sein). Kopieren Sie den Schlüssel erneut aus Google AI Studio.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>Could not reach the Gemini service. Check your connection.</source>
        <translation>Der Gemini-Dienst war nicht erreichbar. Prüfen Sie Ihre Verbindung.</translation>
    </message>
    <message>
        <source>The answer was cut off before it was finished (it probably reached the output limit).</source>
        <translation>Die Antwort wurde abgeschnitten, bevor sie fertig war (vermutlich wurde das Ausgabelimit erreicht).</translation>
    </message>
    <message>
        <source>The answer was cancelled on the server before it was finished.</source>
        <translation>Die Antwort wurde auf dem Server abgebrochen, bevor sie fertig war.</translation>
    </message>
    <message>
        <source>The answer stopped because it used up its budget (tokens or tool calls) before it was finished.</source>
        <translation>Die Antwort wurde beendet, weil ihr Budget (Tokens oder Tool-Aufrufe) aufgebraucht war, bevor sie fertig war.</translation>
    </message>
    <message>
        <source>The model went idle and the answer was closed before it was finished.</source>
        <translation>Das Modell war untätig, und die Antwort wurde geschlossen, bevor sie fertig war.</translation>
    </message>
    <message>
        <source>The answer failed on the server, which did not say why.</source>
        <translation>Die Antwort ist auf dem Server fehlgeschlagen; der Server hat keinen Grund genannt.</translation>
    </message>
    <message>
        <source>The answer stopped before any reason was given (it may have been blocked). You can retry or edit the prompt.</source>
        <translation>Die Antwort brach ab, bevor ein Grund genannt wurde (sie wurde möglicherweise blockiert). Sie können es erneut versuchen oder den Prompt bearbeiten.</translation>
    </message>
</context>
<context>
    <name>AttachmentBar</name>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Not attached</source>
        <translation>Nicht angehängt</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen …</translation>
    </message>
    <message>
        <source>Remove {0}</source>
        <translation>{0} entfernen</translation>
    </message>
    <message>
        <source>Remove this attachment</source>
        <translation>Diesen Anhang entfernen</translation>
    </message>
    <message>
        <source>Cancel upload of {0}</source>
        <translation>Hochladen von {0} abbrechen</translation>
    </message>
    <message>
        <source>Retry {0}</source>
        <translation>{0} erneut versuchen</translation>
    </message>
    <message>
        <source>Open {0}</source>
        <translation>{0} öffnen</translation>
    </message>
    <message>
        <source>Attachment {0}</source>
        <translation>Anhang {0}</translation>
    </message>
    <message>
        <source>Uploading… {0}%</source>
        <translation>Wird hochgeladen … {0} %</translation>
    </message>
</context>
<context>
    <name>CommandController</name>
    <message>
        <source>An answer is still streaming; your prompt is in the composer.</source>
        <translation>Eine Antwort wird noch übertragen; Ihr Prompt steht im Eingabefeld.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Ask Gemini…  (Enter sends, Shift+Enter adds a line)</source>
        <translation>Gemini fragen …  (Eingabe sendet, Umschalt+Eingabe fügt eine Zeile hinzu)</translation>
    </message>
</context>
<context>
    <name>ConversationMenu</name>
    <message>
        <source>Max output tokens</source>
        <translation>Maximale Ausgabetokens</translation>
    </message>
    <message>
        <source>Longest answer, in tokens (0: the model&apos;s limit):</source>
        <translation>Längste Antwort in Tokens (0: das Limit des Modells):</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Run settings panel</source>
        <translation>&amp;Ausführungseinstellungen (Seitenleiste)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>Local tools</source>
        <translation>Lokale Tools</translation>
    </message>
    <message>
        <source>Choose File Search &amp;stores…</source>
        <translation>File-Search-&amp;Speicher wählen …</translation>
    </message>
    <message>
        <source>Tool &amp;choice</source>
        <translation>Tool-&amp;Auswahl</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Immer ein Tool</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>&amp;Ask again for tools always allowed here</source>
        <translation>Bei hier immer erlaubten Tools wieder &amp;fragen</translation>
    </message>
    <message>
        <source>Edit JSON &amp;schema…</source>
        <translation>JSON-&amp;Schema bearbeiten …</translation>
    </message>
    <message>
        <source>T&amp;hinking level</source>
        <translation>&amp;Denkstufe</translation>
    </message>
    <message>
        <source>minimal</source>
        <translation>minimal</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>extra high</source>
        <translation>sehr hoch</translation>
    </message>
    <message>
        <source>Show thought s&amp;ummaries</source>
        <translation>Gedanken&amp;zusammenfassungen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Max output tokens</source>
        <translation>&amp;Maximale Ausgabetokens</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Modellstandard</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Andere …</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>&amp;Bilder</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>Seitenverhältnis</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t keep on server</source>
        <translation>&amp;Nicht auf dem Server speichern</translation>
    </message>
    <message>
        <source>S&amp;ystem instruction…</source>
        <translation>S&amp;ystemanweisung …</translation>
    </message>
    <message>
        <source>&amp;Advanced: temperature (deprecated)</source>
        <translation>&amp;Erweitert: Temperatur (veraltet)</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>&amp;Knowledge (File Search stores)…</source>
        <translation>&amp;Wissen (File-Search-Speicher) …</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation>MCP-Server</translation>
    </message>
    <message>
        <source>All tools</source>
        <translation>Alle Tools</translation>
    </message>
    <message>
        <source>List tools</source>
        <translation>Tools auflisten</translation>
    </message>
    <message>
        <source>Start the server and list its tools again</source>
        <translation>Den Server starten und seine Tools neu auflisten</translation>
    </message>
</context>
<context>
    <name>ConversationSettingsBar</name>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>URLs</source>
        <translation>URLs</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>Maps</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>System instruction</source>
        <translation>Systemanweisung</translation>
    </message>
    <message>
        <source>Sent with every turn of this conversation:</source>
        <translation>Wird mit jeder Runde dieser Unterhaltung gesendet:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Tools and options in use</source>
        <translation>Verwendete Tools und Optionen</translation>
    </message>
    <message>
        <source>Run settings</source>
        <translation>Ausführungseinstellungen</translation>
    </message>
    <message>
        <source>Show or hide the run settings (tools, output, thinking…)</source>
        <translation>Ausführungseinstellungen ein- oder ausblenden (Tools, Ausgabe, Denken …)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Export the conversation</source>
        <translation>Die Unterhaltung exportieren</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>Seitenverhältnis</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Image {0}</source>
        <translation>Bild {0}</translation>
    </message>
    <message>
        <source>Image: auto</source>
        <translation>Bild: automatisch</translation>
    </message>
    <message>
        <source>No system instruction</source>
        <translation>Keine Systemanweisung</translation>
    </message>
    <message>
        <source>System instruction ✓</source>
        <translation>Systemanweisung ✓</translation>
    </message>
    <message>
        <source>System instruction…</source>
        <translation>Systemanweisung …</translation>
    </message>
    <message>
        <source>Tools: {0}</source>
        <translation>Tools: {0}</translation>
    </message>
    <message>
        <source>No tools</source>
        <translation>Keine Tools</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>≤{0} tokens</source>
        <translation>≤{0} Tokens</translation>
    </message>
    <message>
        <source>temp {0}</source>
        <translation>Temp. {0}</translation>
    </message>
    <message>
        <source>File Search stores: {0}</source>
        <translation>File-Search-Speicher: {0}</translation>
    </message>
    <message>
        <source>File Search stores ({0})…</source>
        <translation>File-Search-Speicher ({0}) …</translation>
    </message>
    <message>
        <source>File Search stores…</source>
        <translation>File-Search-Speicher …</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Clipboard</source>
        <translation>Zwischenablage</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <source>Search (Ctrl+K; Esc clears)</source>
        <translation>Suchen (Strg+K; Esc leert)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation>Neue Unterhaltung (Strg+N)</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation>Keine Treffer.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Löschen rückgängig machen</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen …</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Deleted “{0}”.</source>
        <translation>„{0}“ gelöscht.</translation>
    </message>
</context>
<context>
    <name>ConversationTab</name>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Turn status</source>
        <translation>Status der Antwort</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Anhängen …</translation>
    </message>
    <message>
        <source>Attach images, PDFs, audio, video or text files (or drop them anywhere here, or paste them)</source>
        <translation>Bilder, PDFs, Audio-, Video- oder Textdateien anhängen (oder hier irgendwo ablegen oder einfügen)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send prompt</source>
        <translation>Prompt senden</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Einreihen</translation>
    </message>
    <message>
        <source>Queue prompt</source>
        <translation>Prompt einreihen</translation>
    </message>
    <message>
        <source>Send this prompt when the answer before it ends (Enter)</source>
        <translation>Diesen Prompt senden, sobald die vorherige Antwort endet (Eingabe)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>Die Antwort stoppen</translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation>Die Antwort stoppen (Esc)</translation>
    </message>
    <message>
        <source>Attachments are available once the conversations are loaded.</source>
        <translation>Anhänge sind verfügbar, sobald die Unterhaltungen geladen sind.</translation>
    </message>
    <message>
        <source>The image is attached: say how to change it.</source>
        <translation>Das Bild ist angehängt: Beschreiben Sie, wie es geändert werden soll.</translation>
    </message>
    <message>
        <source>No application could open “{0}”.</source>
        <translation>Keine Anwendung konnte „{0}“ öffnen.</translation>
    </message>
    <message>
        <source>This file is no longer stored on this computer: {0}</source>
        <translation>Diese Datei ist nicht mehr auf diesem Computer gespeichert: {0}</translation>
    </message>
    <message>
        <source>Waiting for the attachments to be ready</source>
        <translation>Warten, bis die Anhänge bereit sind</translation>
    </message>
    <message>
        <source>An answer is running: Enter or Queue sends this prompt when it ends</source>
        <translation>Eine Antwort läuft: Eingabe oder „Einreihen“ sendet diesen Prompt, wenn sie endet</translation>
    </message>
    <message>
        <source>The prompt is back in the composer.</source>
        <translation>Der Prompt steht wieder im Eingabefeld.</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>Exportiert nach {0}</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Unterhaltung umbenennen</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Prompt (the old answer is kept as an alternative):</source>
        <translation>Prompt (die alte Antwort bleibt als Alternative erhalten):</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML with images (*.html)</source>
        <translation>Markdown (*.md);;HTML mit Bildern (*.html)</translation>
    </message>
</context>
<context>
    <name>DropOverlay</name>
    <message>
        <source>Drop files to attach</source>
        <translation>Dateien zum Anhängen hier ablegen</translation>
    </message>
</context>
<context>
    <name>FolderListEditor</name>
    <message>
        <source>Allowed folders</source>
        <translation>Erlaubte Ordner</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen …</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>Ordner entfernen</translation>
    </message>
    <message>
        <source>Add a folder the tools may read</source>
        <translation>Ordner hinzufügen, den die Tools lesen dürfen</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <source>“{0}” is not a full path; choose the folder with Add folder….</source>
        <translation>„{0}“ ist kein vollständiger Pfad; wählen Sie den Ordner mit „Ordner hinzufügen …“.</translation>
    </message>
    <message>
        <source>“{0}” does not exist or is not a folder; it was not added.</source>
        <translation>„{0}“ existiert nicht oder ist kein Ordner; er wurde nicht hinzugefügt.</translation>
    </message>
    <message>
        <source>{0} (not found)</source>
        <translation>{0} (nicht gefunden)</translation>
    </message>
    <message>
        <source>This folder does not exist now; the tools cannot read it.</source>
        <translation>Dieser Ordner existiert derzeit nicht; die Tools können ihn nicht lesen.</translation>
    </message>
</context>
<context>
    <name>FunctionCallCard</name>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Allow once</source>
        <translation>Einmal erlauben</translation>
    </message>
    <message>
        <source>Always allow</source>
        <translation>Immer erlauben</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Verweigern</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>{0} wants to run {1} ({2}) · {3}</source>
        <translation>{0} möchte {1} ausführen ({2}) · {3}</translation>
    </message>
    <message>
        <source>Tool call: {0} on {1}</source>
        <translation>Tool-Aufruf: {0} auf {1}</translation>
    </message>
    <message>
        <source>Waiting for your approval. Enter allows once, Escape denies.</source>
        <translation>Wartet auf Ihre Zustimmung. Eingabe erlaubt einmal, Esc verweigert.</translation>
    </message>
    <message>
        <source>Allowed without asking (always allowed); waiting to run.</source>
        <translation>Ohne Nachfrage erlaubt (immer erlaubt); wartet auf die Ausführung.</translation>
    </message>
    <message>
        <source>Allowed; waiting to run.</source>
        <translation>Erlaubt; wartet auf die Ausführung.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Wird ausgeführt …</translation>
    </message>
    <message>
        <source>Denied. The model was told that you declined this call.</source>
        <translation>Verweigert. Das Modell hat erfahren, dass Sie diesen Aufruf abgelehnt haben.</translation>
    </message>
    <message>
        <source>Not answered: a newer prompt was sent instead.</source>
        <translation>Nicht beantwortet: Stattdessen wurde ein neuer Prompt gesendet.</translation>
    </message>
    <message>
        <source>Error: {0}</source>
        <translation>Fehler: {0}</translation>
    </message>
    <message>
        <source>Done; result sent to the model.</source>
        <translation>Fertig; Ergebnis an das Modell gesendet.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Image returned by the tool</source>
        <translation>Vom Tool zurückgegebenes Bild</translation>
    </message>
</context>
<context>
    <name>FunctionCallsView</name>
    <message>
        <source>Tool calls</source>
        <translation>Tool-Aufrufe</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Save image as</source>
        <translation>Bild speichern unter</translation>
    </message>
    <message>
        <source>Image {0}</source>
        <translation>Bild {0}</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>An Fenster anpassen</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Originalgröße</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter …</translation>
    </message>
    <message>
        <source>Save the image to a file</source>
        <translation>Das Bild in einer Datei speichern</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the image to the clipboard</source>
        <translation>Das Bild in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>This image cannot be shown.</source>
        <translation>Dieses Bild kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <source>The image could not be saved: {0}</source>
        <translation>Das Bild konnte nicht gespeichert werden: {0}</translation>
    </message>
</context>
<context>
    <name>JsonAnswerView</name>
    <message>
        <source>Schema check</source>
        <translation>Schemaprüfung</translation>
    </message>
    <message>
        <source>First validation error</source>
        <translation>Erster Validierungsfehler</translation>
    </message>
    <message>
        <source>Show the JSON as text</source>
        <translation>Das JSON als Text anzeigen</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Copy the JSON</source>
        <translation>Das JSON kopieren</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation>JSON-Baum</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Formatted JSON</source>
        <translation>Formatiertes JSON</translation>
    </message>
    <message>
        <source>✗ Not JSON</source>
        <translation>✗ Kein JSON</translation>
    </message>
    <message>
        <source>✓ Valid</source>
        <translation>✓ Gültig</translation>
    </message>
    <message>
        <source>✓ JSON</source>
        <translation>✓ JSON</translation>
    </message>
    <message>
        <source>✗ Invalid</source>
        <translation>✗ Ungültig</translation>
    </message>
    <message>
        <source>Checked against the conversation&apos;s JSON Schema</source>
        <translation>Gegen das JSON Schema der Unterhaltung geprüft</translation>
    </message>
</context>
<context>
    <name>KnowledgeDialog</name>
    <message>
        <source>New File Search store</source>
        <translation>Neuer File-Search-Speicher</translation>
    </message>
    <message>
        <source>Name of the store:</source>
        <translation>Name des Speichers:</translation>
    </message>
    <message>
        <source>Add files to the store</source>
        <translation>Dateien zum Speicher hinzufügen</translation>
    </message>
    <message>
        <source>Processing…</source>
        <translation>Wird verarbeitet …</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Knowledge: File Search stores</source>
        <translation>Wissen: File-Search-Speicher</translation>
    </message>
    <message>
        <source>File Search stores</source>
        <translation>File-Search-Speicher</translation>
    </message>
    <message>
        <source>New store…</source>
        <translation>Neuer Speicher …</translation>
    </message>
    <message>
        <source>New store</source>
        <translation>Neuer Speicher</translation>
    </message>
    <message>
        <source>Delete store…</source>
        <translation>Speicher löschen …</translation>
    </message>
    <message>
        <source>Delete the selected store</source>
        <translation>Den ausgewählten Speicher löschen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the stores</source>
        <translation>Die Speicher aktualisieren</translation>
    </message>
    <message>
        <source>Choose or create a store.</source>
        <translation>Wählen oder erstellen Sie einen Speicher.</translation>
    </message>
    <message>
        <source>Documents in the store</source>
        <translation>Dokumente im Speicher</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Dateien hinzufügen …</translation>
    </message>
    <message>
        <source>Delete document…</source>
        <translation>Dokument löschen …</translation>
    </message>
    <message>
        <source>Delete the selected document</source>
        <translation>Das ausgewählte Dokument löschen</translation>
    </message>
    <message>
        <source>Drop files here to add them to the selected store.</source>
        <translation>Legen Sie Dateien hier ab, um sie zum ausgewählten Speicher hinzuzufügen.</translation>
    </message>
    <message>
        <source>Files being added</source>
        <translation>Dateien, die hinzugefügt werden</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Knowledge status</source>
        <translation>Status des Wissens</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stores&lt;/b&gt;</source>
        <translation>&lt;b&gt;Speicher&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Loading the stores…</source>
        <translation>Speicher werden geladen …</translation>
    </message>
    <message>
        <source>{0}
{1} documents · {2}</source>
        <translation>{0}
{1} Dokumente · {2}</translation>
    </message>
    <message>
        <source>{0} stores.</source>
        <translation>{0} Speicher.</translation>
    </message>
    <message>
        <source>No stores yet: create one.</source>
        <translation>Noch keine Speicher: Erstellen Sie einen.</translation>
    </message>
    <message>
        <source>Upload of {0}</source>
        <translation>Hochladen von {0}</translation>
    </message>
    <message>
        <source>Uploading %p%</source>
        <translation>Wird hochgeladen: %p %</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>Fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Creating “{0}”…</source>
        <translation>„{0}“ wird erstellt …</translation>
    </message>
    <message>
        <source>Delete store</source>
        <translation>Speicher löschen</translation>
    </message>
    <message>
        <source>Delete the store “{0}” and all its documents? This cannot be undone.</source>
        <translation>Den Speicher „{0}“ und alle seine Dokumente löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete document</source>
        <translation>Dokument löschen</translation>
    </message>
    <message>
        <source>Delete “{0}” from the store? This cannot be undone.</source>
        <translation>„{0}“ aus dem Speicher löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Choose or create a store first.</source>
        <translation>Wählen oder erstellen Sie zuerst einen Speicher.</translation>
    </message>
    <message>
        <source>Only files can be added (not folders).</source>
        <translation>Es können nur Dateien hinzugefügt werden (keine Ordner).</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Open a link that goes elsewhere</source>
        <translation>Einen Link öffnen, der woandershin führt</translation>
    </message>
    <message>
        <source>Open this link?</source>
        <translation>Diesen Link öffnen?</translation>
    </message>
    <message>
        <source>This link says {0} but goes to another address:</source>
        <translation>Dieser Link nennt {0}, führt aber zu einer anderen Adresse:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the link</source>
        <translation>Den Link öffnen</translation>
    </message>
    <message>
        <source>Do not open the link</source>
        <translation>Den Link nicht öffnen</translation>
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <source>“{0}” is already in the list.</source>
        <translation>„{0}“ ist bereits in der Liste.</translation>
    </message>
</context>
<context>
    <name>LongTextDialog</name>
    <message>
        <source>The whole paragraph ({0:,} characters)</source>
        <translation>Der ganze Absatz ({0:,} Zeichen)</translation>
    </message>
    <message>
        <source>The whole paragraph</source>
        <translation>Der ganze Absatz</translation>
    </message>
    <message>
        <source>Paragraph text</source>
        <translation>Text des Absatzes</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Alles kopieren</translation>
    </message>
    <message>
        <source>Copy the whole paragraph</source>
        <translation>Den ganzen Absatz kopieren</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Gemini Desktop is still running</source>
        <translation>Gemini Desktop läuft weiter</translation>
    </message>
    <message>
        <source>Its icon in the tray brings the window back; File → Quit ends it.</source>
        <translation>Sein Symbol im Infobereich holt das Fenster zurück; Datei → Beenden beendet es.</translation>
    </message>
    <message>
        <source>Answer ready</source>
        <translation>Antwort fertig</translation>
    </message>
    <message>
        <source>Your answer has arrived.</source>
        <translation>Ihre Antwort ist da.</translation>
    </message>
    <message>
        <source>You have no File Search stores yet. Create one in Conversation → Knowledge, then switch File Search on again.</source>
        <translation>Sie haben noch keine File-Search-Speicher. Erstellen Sie einen unter Unterhaltung → Wissen und schalten Sie File Search dann erneut ein.</translation>
    </message>
    <message>
        <source>Conversation database damaged</source>
        <translation>Datenbank der Unterhaltungen beschädigt</translation>
    </message>
    <message>
        <source>The damaged file was kept as {0}.</source>
        <translation>Die beschädigte Datei wurde als {0} aufbewahrt.</translation>
    </message>
    <message>
        <source>The conversation database could not be read, so a new one was started.</source>
        <translation>Die Datenbank der Unterhaltungen konnte nicht gelesen werden, daher wurde eine neue angelegt.</translation>
    </message>
    <message>
        <source>{0} of {1} conversations</source>
        <translation>{0} von {1} Unterhaltungen</translation>
    </message>
    <message>
        <source>{0} of {1} turns</source>
        <translation>{0} von {1} Runden</translation>
    </message>
    <message>
        <source>{0} of {1} research tasks</source>
        <translation>{0} von {1} Rechercheaufgaben</translation>
    </message>
    <message>
        <source>The conversation database was damaged. Recovered {0} into a new database.</source>
        <translation>Die Datenbank der Unterhaltungen war beschädigt. {0} wurden in eine neue Datenbank übernommen.</translation>
    </message>
    <message>
        <source>{0} conversations whose titles were lost are named &quot;{1}&quot;.</source>
        <translation>{0} Unterhaltungen, deren Titel verloren gingen, heißen „{1}“.</translation>
    </message>
    <message>
        <source>No keyring for the API key</source>
        <translation>Kein Schlüsselbund für den API-Schlüssel</translation>
    </message>
    <message>
        <source>The API key cannot be used</source>
        <translation>Der API-Schlüssel kann nicht verwendet werden</translation>
    </message>
    <message>
        <source>Gemini Desktop</source>
        <translation>Gemini Desktop</translation>
    </message>
    <message>
        <source>Main tabs</source>
        <translation>Hauptregisterkarten</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Research</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Speicherung</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Research</source>
        <translation>&amp;Recherche</translation>
    </message>
    <message>
        <source>&amp;Search conversations</source>
        <translation>Unterhaltungen &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Quick &amp;ask…</source>
        <translation>Schnell&amp;frage …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;API key…</source>
        <translation>&amp;API-Schlüssel …</translation>
    </message>
    <message>
        <source>&amp;Forget API key</source>
        <translation>API-Schlüssel &amp;vergessen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Programmeinstellungen …</translation>
    </message>
    <message>
        <source>&amp;MCP servers…</source>
        <translation>&amp;MCP-Server …</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Gemini Desktop</source>
        <translation>Ü&amp;ber Gemini Desktop</translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation>(noch nicht bekannt)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gemini Desktop&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Gemini Desktop&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source>A desktop assistant for the Gemini Interactions API.</source>
        <translation>Ein Desktop-Assistent für die Gemini Interactions API.</translation>
    </message>
    <message>
        <source>Licence: {0}</source>
        <translation>Lizenz: {0}</translation>
    </message>
    <message>
        <source>Documentation of the API: {0}</source>
        <translation>Dokumentation der API: {0}</translation>
    </message>
    <message>
        <source>Conversations and attachments: {0}</source>
        <translation>Unterhaltungen und Anhänge: {0}</translation>
    </message>
    <message>
        <source>Log files: {0}</source>
        <translation>Protokolldateien: {0}</translation>
    </message>
    <message>
        <source>About Gemini Desktop</source>
        <translation>Über Gemini Desktop</translation>
    </message>
    <message>
        <source>No API key — Settings → API key</source>
        <translation>Kein API-Schlüssel – Einstellungen → API-Schlüssel</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>Keine Verbindung</translation>
    </message>
    <message>
        <source>API key rejected</source>
        <translation>API-Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>API key not usable</source>
        <translation>API-Schlüssel nicht verwendbar</translation>
    </message>
    <message>
        <source>The API key cannot be used: {0}</source>
        <translation>Der API-Schlüssel kann nicht verwendet werden: {0}</translation>
    </message>
    <message>
        <source>The API key comes from the environment (GEMINI_API_KEY / GOOGLE_API_KEY).</source>
        <translation>Der API-Schlüssel stammt aus der Umgebung (GEMINI_API_KEY / GOOGLE_API_KEY).</translation>
    </message>
    <message>
        <source>Using the API key from the environment.</source>
        <translation>Der API-Schlüssel aus der Umgebung wird verwendet.</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Nicht gespeichert: {0}</translation>
    </message>
    <message>
        <source>Gemini Desktop — not saving</source>
        <translation>Gemini Desktop – speichert nicht</translation>
    </message>
    <message>
        <source>Not saving: conversations are kept in memory only</source>
        <translation>Speichert nicht: Unterhaltungen werden nur im Arbeitsspeicher gehalten</translation>
    </message>
    <message>
        <source>{0} could not be written ({1}). Nothing from this session is saved.</source>
        <translation>{0} konnte nicht geschrieben werden ({1}). Nichts aus dieser Sitzung wird gespeichert.</translation>
    </message>
    <message>
        <source>Model: {0}</source>
        <translation>Modell: {0}</translation>
    </message>
</context>
<context>
    <name>McpServerGroup</name>
    <message>
        <source>List tools</source>
        <translation>Tools auflisten</translation>
    </message>
    <message>
        <source>Start {0} and list its tools</source>
        <translation>{0} starten und seine Tools auflisten</translation>
    </message>
    <message>
        <source>Listing tools…</source>
        <translation>Tools werden aufgelistet…</translation>
    </message>
</context>
<context>
    <name>McpServersController</name>
    <message>
        <source>{0} could not be used, so its tools were left out of this answer. {1}</source>
        <translation>{0} konnte nicht verwendet werden; seine Tools fehlen daher in dieser Antwort. {1}</translation>
    </message>
    <message>
        <source>The secret values could not be kept in the keyring ({0}).</source>
        <translation>Die geheimen Werte konnten nicht im Schlüsselbund aufbewahrt werden ({0}).</translation>
    </message>
    <message>
        <source>Runs on Google&apos;s side; checked when a turn uses it.</source>
        <translation>Läuft bei Google; wird geprüft, sobald eine Unterhaltung ihn nutzt.</translation>
    </message>
    <message>
        <source>Needs an http(s) URL.</source>
        <translation>Braucht eine http(s)-URL.</translation>
    </message>
    <message>
        <source>no tools</source>
        <translation>keine Tools</translation>
    </message>
    <message>
        <source>This MCP server is no longer configured.</source>
        <translation>Dieser MCP-Server ist nicht mehr eingerichtet.</translation>
    </message>
    <message>
        <source>The tools of {0} could not be listed. {1}</source>
        <translation>Die Tools von {0} konnten nicht aufgelistet werden. {1}</translation>
    </message>
</context>
<context>
    <name>McpServersDialog</name>
    <message>
        <source>MCP servers</source>
        <translation>MCP-Server</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>Einen Server hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the server</source>
        <translation>Den Server entfernen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Local command (stdio)</source>
        <translation>Lokaler Befehl (stdio)</translation>
    </message>
    <message>
        <source>Streamable HTTP (from this computer)</source>
        <translation>Streamable HTTP (von diesem Computer)</translation>
    </message>
    <message>
        <source>Remote ({0})</source>
        <translation>Entfernt ({0})</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Working folder</source>
        <translation>Arbeitsordner</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The program, e.g. npx or uvx</source>
        <translation>Das Programm, z. B. npx oder uvx</translation>
    </message>
    <message>
        <source>Quoted as in a shell, e.g. -y @modelcontextprotocol/server-everything</source>
        <translation>Wie in einer Shell angeführt, z. B. -y @modelcontextprotocol/server-everything</translation>
    </message>
    <message>
        <source>e.g. http://127.0.0.1:8000/mcp</source>
        <translation>z. B. http://127.0.0.1:8000/mcp</translation>
    </message>
    <message>
        <source>Allowed tools</source>
        <translation>Erlaubte Tools</translation>
    </message>
    <message>
        <source>Comma-separated; empty allows all</source>
        <translation>Durch Kommas getrennt; leer erlaubt alle</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>Variable hinzufügen</translation>
    </message>
    <message>
        <source>Add an environment variable</source>
        <translation>Eine Umgebungsvariable hinzufügen</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>Add a header</source>
        <translation>Einen Header hinzufügen</translation>
    </message>
    <message>
        <source>Remove variable</source>
        <translation>Variable entfernen</translation>
    </message>
    <message>
        <source>Remove the selected environment variable</source>
        <translation>Die ausgewählte Umgebungsvariable entfernen</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>Header entfernen</translation>
    </message>
    <message>
        <source>Remove the selected header</source>
        <translation>Den ausgewählten Header entfernen</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Test the server</source>
        <translation>Den Server testen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Art</translation>
    </message>
    <message>
        <source>&amp;Command</source>
        <translation>&amp;Befehl</translation>
    </message>
    <message>
        <source>&amp;Arguments</source>
        <translation>Ar&amp;gumente</translation>
    </message>
    <message>
        <source>&amp;Working folder</source>
        <translation>Arbeits&amp;ordner</translation>
    </message>
    <message>
        <source>&amp;Environment</source>
        <translation>&amp;Umgebung</translation>
    </message>
    <message>
        <source>&amp;URL</source>
        <translation>U&amp;RL</translation>
    </message>
    <message>
        <source>&amp;Headers</source>
        <translation>&amp;Header</translation>
    </message>
    <message>
        <source>Allowed &amp;tools</source>
        <translation>Erlaubte &amp;Tools</translation>
    </message>
    <message>
        <source>Saved. Servers start when a conversation first uses them.</source>
        <translation>Gespeichert. Server starten, wenn eine Unterhaltung sie zum ersten Mal verwendet.</translation>
    </message>
    <message>
        <source>{0} works. Tools: {1}</source>
        <translation>{0} funktioniert. Tools: {1}</translation>
    </message>
    <message>
        <source>{0} failed: {1}</source>
        <translation>{0} fehlgeschlagen: {1}</translation>
    </message>
    <message>
        <source>Save the changes to the MCP servers?</source>
        <translation>Die Änderungen an den MCP-Servern speichern?</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Changes that are not saved are lost when the dialog closes.</source>
        <translation>Nicht gespeicherte Änderungen gehen verloren, wenn der Dialog geschlossen wird.</translation>
    </message>
    <message>
        <source>Save the changes</source>
        <translation>Die Änderungen speichern</translation>
    </message>
    <message>
        <source>Discard the changes</source>
        <translation>Die Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <source>New server</source>
        <translation>Neuer Server</translation>
    </message>
    <message>
        <source>Testing {0}…</source>
        <translation>{0} wird getestet …</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>runs on Google&apos;s side</source>
        <translation>läuft bei Google</translation>
    </message>
</context>
<context>
    <name>MediaTile</name>
    <message>
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Open {0} {1}</source>
        <translation>{0} {1} öffnen</translation>
    </message>
    <message>
        <source>Edit this image</source>
        <translation>Dieses Bild bearbeiten</translation>
    </message>
    <message>
        <source>Edit this image: attach it to the next prompt</source>
        <translation>Dieses Bild bearbeiten: an den nächsten Prompt anhängen</translation>
    </message>
    <message>
        <source>Attach this image to the next prompt to refine it</source>
        <translation>Dieses Bild an den nächsten Prompt anhängen, um es zu verfeinern</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen …</translation>
    </message>
    <message>
        <source>Open in the viewer: zoom, Save as…, Copy, drag out</source>
        <translation>Im Betrachter öffnen: zoomen, Speichern unter …, Kopieren, herausziehen</translation>
    </message>
    <message>
        <source>Generated image</source>
        <translation>Erzeugtes Bild</translation>
    </message>
    <message>
        <source>Generated file</source>
        <translation>Erzeugte Datei</translation>
    </message>
    <message>
        <source>{0}, not downloaded:</source>
        <translation>{0}, nicht heruntergeladen:</translation>
    </message>
    <message>
        <source>open the link</source>
        <translation>Link öffnen</translation>
    </message>
    <message>
        <source>{0}, not downloaded: open the link</source>
        <translation>{0}, nicht heruntergeladen: Link öffnen</translation>
    </message>
    <message>
        <source>This image cannot be shown: {0}</source>
        <translation>Dieses Bild kann nicht angezeigt werden: {0}</translation>
    </message>
</context>
<context>
    <name>PairsTable</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>•••• (kept in the keyring)</source>
        <translation>•••• (im Schlüsselbund)</translation>
    </message>
    <message>
        <source>Secret value, hidden</source>
        <translation>Geheimer Wert, verborgen</translation>
    </message>
    <message>
        <source>Secret value</source>
        <translation>Geheimer Wert</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Geheim</translation>
    </message>
</context>
<context>
    <name>PasteHelper</name>
    <message>
        <source>The pasted content could not be saved: {0}</source>
        <translation>Der eingefügte Inhalt konnte nicht gespeichert werden: {0}</translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation>Eingefügter Text</translation>
    </message>
    <message>
        <source>Pasted image</source>
        <translation>Eingefügtes Bild</translation>
    </message>
</context>
<context>
    <name>PendingPromptRow</name>
    <message>
        <source>{0}.</source>
        <translation>{0}.</translation>
    </message>
    <message>
        <source>Queued prompt {0}</source>
        <translation>Eingereihter Prompt {0}</translation>
    </message>
    <message>
        <source>Sent when the answer before it ends. Edit it here; Enter keeps the change.</source>
        <translation>Wird gesendet, wenn die vorherige Antwort endet. Hier bearbeiten; Eingabe übernimmt die Änderung.</translation>
    </message>
    <message>
        <source>+ 1 file</source>
        <translation>+ 1 Datei</translation>
    </message>
    <message>
        <source>+ {0} files</source>
        <translation>+ {0} Dateien</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove queued prompt {0}</source>
        <translation>Eingereihten Prompt {0} entfernen</translation>
    </message>
    <message>
        <source>Do not send this prompt</source>
        <translation>Diesen Prompt nicht senden</translation>
    </message>
</context>
<context>
    <name>PendingPrompts</name>
    <message>
        <source>Queued prompts</source>
        <translation>Eingereihte Prompts</translation>
    </message>
    <message>
        <source>Send them now</source>
        <translation>Jetzt senden</translation>
    </message>
    <message>
        <source>Send the queued prompts now</source>
        <translation>Die eingereihten Prompts jetzt senden</translation>
    </message>
    <message>
        <source>1 prompt waiting: the last answer did not end well, so it was not sent.</source>
        <translation>1 Prompt wartet: Die letzte Antwort endete nicht ordnungsgemäß, daher wurde er nicht gesendet.</translation>
    </message>
    <message>
        <source>{0} prompts waiting: the last answer did not end well, so they were not sent.</source>
        <translation>{0} Prompts warten: Die letzte Antwort endete nicht ordnungsgemäß, daher wurden sie nicht gesendet.</translation>
    </message>
    <message>
        <source>1 prompt queued: it is sent when the answer ends.</source>
        <translation>1 Prompt eingereiht: Er wird gesendet, wenn die Antwort endet.</translation>
    </message>
    <message>
        <source>{0} prompts queued: each is sent when the answer before it ends.</source>
        <translation>{0} Prompts eingereiht: Jeder wird gesendet, wenn die Antwort davor endet.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>(server default)</source>
        <translation>(Serverstandard)</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Programmeinstellungen</translation>
    </message>
    <message>
        <source>Set by the GOOGLE_GEMINI_BASE_URL environment variable; unset it to choose here.</source>
        <translation>Durch die Umgebungsvariable GOOGLE_GEMINI_BASE_URL festgelegt; entfernen Sie sie, um hier zu wählen.</translation>
    </message>
    <message>
        <source>From the environment variable GOOGLE_GEMINI_BASE_URL</source>
        <translation>Aus der Umgebungsvariable GOOGLE_GEMINI_BASE_URL</translation>
    </message>
    <message>
        <source>Takes effect after a restart.</source>
        <translation>Wirkt nach einem Neustart.</translation>
    </message>
</context>
<context>
    <name>QuickAskController</name>
    <message>
        <source>An answer is still streaming in the main window; wait for it or stop it.</source>
        <translation>Im Hauptfenster wird noch eine Antwort übertragen; warten Sie darauf oder stoppen Sie sie.</translation>
    </message>
    <message>
        <source>The attachments are not ready yet.</source>
        <translation>Die Anhänge sind noch nicht bereit.</translation>
    </message>
</context>
<context>
    <name>QuickAskWindow</name>
    <message>
        <source>Quick ask</source>
        <translation>Schnellfrage</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Angehängte Dateien</translation>
    </message>
    <message>
        <source>Question asked</source>
        <translation>Gestellte Frage</translation>
    </message>
    <message>
        <source>Quick ask answer</source>
        <translation>Antwort auf die Schnellfrage</translation>
    </message>
    <message>
        <source>Quick ask status</source>
        <translation>Status der Schnellfrage</translation>
    </message>
    <message>
        <source>Open in app</source>
        <translation>In der App öffnen</translation>
    </message>
    <message>
        <source>Continue this exchange in the main window (Ctrl+Enter)</source>
        <translation>Diesen Austausch im Hauptfenster fortsetzen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation>Antwortet …</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Gestoppt.</translation>
    </message>
    <message>
        <source>The answer was cut off; continue it in the app.</source>
        <translation>Die Antwort wurde abgeschnitten; setzen Sie sie in der App fort.</translation>
    </message>
    <message>
        <source>Attached: {0}</source>
        <translation>Angehängt: {0}</translation>
    </message>
</context>
<context>
    <name>QuickPrompt</name>
    <message>
        <source>Quick ask prompt</source>
        <translation>Prompt der Schnellfrage</translation>
    </message>
    <message>
        <source>Ask Gemini…  (Enter asks, Ctrl+Enter opens in the app, Esc hides)</source>
        <translation>Gemini fragen …  (Eingabe fragt, Strg+Eingabe öffnet in der App, Esc blendet aus)</translation>
    </message>
</context>
<context>
    <name>Research</name>
    <message>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Needs your input</source>
        <translation>Wartet auf Sie</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Unvollständig</translation>
    </message>
    <message>
        <source>Budget exceeded</source>
        <translation>Budget überschritten</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Ruht</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>Stockt</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>Nicht lesbar</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>Searched</source>
        <translation>Gesucht</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Verwendet</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>You asked</source>
        <translation>Ihre Frage</translation>
    </message>
    <message>
        <source>You approved</source>
        <translation>Von Ihnen genehmigt</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} h {1:02d} min</source>
        <translation>{0} h {1:02d} min</translation>
    </message>
</context>
<context>
    <name>ResearchController</name>
    <message>
        <source>Could not cancel “{0}”: {1}</source>
        <translation>„{0}“ konnte nicht abgebrochen werden: {1}</translation>
    </message>
    <message>
        <source>Research cancelled: {0}</source>
        <translation>Recherche abgebrochen: {0}</translation>
    </message>
    <message>
        <source>The server answered the cancel with “{0}”.</source>
        <translation>Der Server hat auf den Abbruch mit „{0}“ geantwortet.</translation>
    </message>
    <message>
        <source>Checking “{0}” again…</source>
        <translation>„{0}“ wird erneut geprüft …</translation>
    </message>
    <message>
        <source>Say what to change in the plan first.</source>
        <translation>Sagen Sie zuerst, was am Plan geändert werden soll.</translation>
    </message>
    <message>
        <source>The plan looks good. Go ahead.</source>
        <translation>Der Plan sieht gut aus. Bitte fortfahren.</translation>
    </message>
    <message>
        <source>Could not send the reply to “{0}”: {1}</source>
        <translation>Die Antwort auf „{0}“ konnte nicht gesendet werden: {1}</translation>
    </message>
    <message>
        <source>Plan approved: the research goes on.</source>
        <translation>Plan genehmigt: Die Recherche wird fortgesetzt.</translation>
    </message>
    <message>
        <source>Asked the agent to revise the plan.</source>
        <translation>Der Agent wurde gebeten, den Plan zu überarbeiten.</translation>
    </message>
    <message>
        <source>Could not export to {0}.</source>
        <translation>Export nach {0} fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>Exportiert nach {0}</translation>
    </message>
    <message>
        <source>Research cannot be read</source>
        <translation>Recherche nicht lesbar</translation>
    </message>
    <message>
        <source>Research finished</source>
        <translation>Recherche abgeschlossen</translation>
    </message>
    <message>
        <source>Research failed</source>
        <translation>Recherche fehlgeschlagen</translation>
    </message>
    <message>
        <source>Research cancelled</source>
        <translation>Recherche abgebrochen</translation>
    </message>
    <message>
        <source>Research needs your input</source>
        <translation>Recherche wartet auf Ihre Eingabe</translation>
    </message>
    <message>
        <source>Research ended</source>
        <translation>Recherche beendet</translation>
    </message>
</context>
<context>
    <name>ResearchDetail</name>
    <message>
        <source>&amp;Cancel run</source>
        <translation>Lauf abbre&amp;chen</translation>
    </message>
    <message>
        <source>Start &amp;again</source>
        <translation>&amp;Erneut starten</translation>
    </message>
    <message>
        <source>Continue in c&amp;onversation</source>
        <translation>In &amp;Unterhaltung fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>Research problem</source>
        <translation>Problem bei der Recherche</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>Erneut p&amp;rüfen</translation>
    </message>
    <message>
        <source>Read the run&apos;s status from the server again</source>
        <translation>Den Status des Laufs erneut vom Server lesen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Ask the server to cancel the run</source>
        <translation>Den Server bitten, den Lauf abzubrechen</translation>
    </message>
    <message>
        <source>Select a research task to see its progress and report.</source>
        <translation>Wählen Sie eine Rechercheaufgabe, um ihren Fortschritt und Bericht zu sehen.</translation>
    </message>
    <message>
        <source>Reply to the research plan</source>
        <translation>Antwort auf den Rechercheplan</translation>
    </message>
    <message>
        <source>The plan is shown in the report. Approve it to start the research, or say what to change and ask for a new plan.</source>
        <translation>Der Plan steht im Bericht. Genehmigen Sie ihn, um die Recherche zu starten, oder sagen Sie, was geändert werden soll, und fordern Sie einen neuen Plan an.</translation>
    </message>
    <message>
        <source>Your reply to the plan</source>
        <translation>Ihre Antwort auf den Plan</translation>
    </message>
    <message>
        <source>E.g. “Focus on Europe and skip prices.” (optional to approve)</source>
        <translation>Z. B. „Schwerpunkt Europa, Preise weglassen.“ (zum Genehmigen nicht nötig)</translation>
    </message>
    <message>
        <source>&amp;Approve plan</source>
        <translation>Plan &amp;genehmigen</translation>
    </message>
    <message>
        <source>Approve plan</source>
        <translation>Plan genehmigen</translation>
    </message>
    <message>
        <source>Start the research with this plan (Ctrl+Enter)</source>
        <translation>Die Recherche mit diesem Plan starten (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Ask for &amp;changes</source>
        <translation>Ä&amp;nderungen anfordern</translation>
    </message>
    <message>
        <source>Ask for changes to the plan</source>
        <translation>Änderungen am Plan anfordern</translation>
    </message>
    <message>
        <source>Send your reply; the agent proposes a new plan</source>
        <translation>Ihre Antwort senden; der Agent schlägt einen neuen Plan vor</translation>
    </message>
    <message>
        <source>took {0}</source>
        <translation>Dauer: {0}</translation>
    </message>
    <message>
        <source>The server did not say why.</source>
        <translation>Der Server hat keinen Grund genannt.</translation>
    </message>
    <message>
        <source>This research failed: {0}
You can start it again with the same prompt.</source>
        <translation>Diese Recherche ist fehlgeschlagen: {0}
Sie können sie mit demselben Prompt erneut starten.</translation>
    </message>
    <message>
        <source>The app cannot read this run&apos;s status: {0}
It may still be running on the server. Check again, or cancel it.</source>
        <translation>Die App kann den Status dieses Laufs nicht lesen: {0}
Er läuft möglicherweise noch auf dem Server. Prüfen Sie erneut, oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <source>The run is idle on the server. It is checked from time to time until it moves on.</source>
        <translation>Der Lauf ruht auf dem Server. Er wird von Zeit zu Zeit geprüft, bis es weitergeht.</translation>
    </message>
    <message>
        <source>No progress for over {0} minutes: the run may be stuck. You can keep waiting or cancel it.</source>
        <translation>Seit über {0} Minuten kein Fortschritt: Der Lauf hängt möglicherweise. Sie können weiter warten oder ihn abbrechen.</translation>
    </message>
    <message>
        <source>The agent proposed a plan and waits for you: approve it or ask for changes below.</source>
        <translation>Der Agent hat einen Plan vorgeschlagen und wartet auf Sie: Genehmigen Sie ihn, oder fordern Sie unten Änderungen an.</translation>
    </message>
    <message>
        <source>The run ended early ({0}). The report may be partial.</source>
        <translation>Der Lauf endete vorzeitig ({0}). Der Bericht ist möglicherweise unvollständig.</translation>
    </message>
</context>
<context>
    <name>ResearchNotifier</name>
    <message>
        <source>Research</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Research tasks finished since you last looked: {0}</source>
        <translation>Seit Ihrem letzten Blick abgeschlossene Rechercheaufgaben: {0}</translation>
    </message>
</context>
<context>
    <name>ResearchReport</name>
    <message>
        <source>Research report</source>
        <translation>Recherchebericht</translation>
    </message>
    <message>
        <source>Usage: {0} tokens ({1} input, {2} output, {3} thinking)</source>
        <translation>Verbrauch: {0} Tokens ({1} Eingabe, {2} Ausgabe, {3} Denken)</translation>
    </message>
</context>
<context>
    <name>ResearchStartForm</name>
    <message>
        <source>Research question</source>
        <translation>Recherchefrage</translation>
    </message>
    <message>
        <source>What should be researched? Ctrl+Enter starts.</source>
        <translation>Was soll recherchiert werden? Strg+Eingabe startet.</translation>
    </message>
    <message>
        <source>Research agent</source>
        <translation>Recherche-Agent</translation>
    </message>
    <message>
        <source>&amp;Agent:</source>
        <translation>&amp;Agent:</translation>
    </message>
    <message>
        <source>Thought &amp;summaries</source>
        <translation>Gedanken&amp;zusammenfassungen</translation>
    </message>
    <message>
        <source>Show thought summaries</source>
        <translation>Gedankenzusammenfassungen anzeigen</translation>
    </message>
    <message>
        <source>Charts and &amp;images</source>
        <translation>Diagramme und &amp;Bilder</translation>
    </message>
    <message>
        <source>Allow charts and images</source>
        <translation>Diagramme und Bilder erlauben</translation>
    </message>
    <message>
        <source>&amp;Plan with me first</source>
        <translation>Zuerst mit mir &amp;planen</translation>
    </message>
    <message>
        <source>Collaborative planning</source>
        <translation>Gemeinsame Planung</translation>
    </message>
    <message>
        <source>The agent proposes a research plan and waits for your approval.</source>
        <translation>Der Agent schlägt einen Rechercheplan vor und wartet auf Ihre Genehmigung.</translation>
    </message>
    <message>
        <source>Start research</source>
        <translation>Recherche starten</translation>
    </message>
    <message>
        <source>Start research (Ctrl+Enter)</source>
        <translation>Recherche starten (Strg+Eingabe)</translation>
    </message>
</context>
<context>
    <name>ResearchTab</name>
    <message>
        <source>Cancel research?</source>
        <translation>Recherche abbrechen?</translation>
    </message>
    <message>
        <source>Cancel “{0}”? The agent stops and the work done so far may be lost.</source>
        <translation>„{0}“ abbrechen? Der Agent hört auf, und die bisherige Arbeit geht möglicherweise verloren.</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <source>Export research</source>
        <translation>Recherche exportieren</translation>
    </message>
    <message>
        <source>About Deep Research</source>
        <translation>Über Deep Research</translation>
    </message>
    <message>
        <source>No research tasks yet. Ask a question above to start one.</source>
        <translation>Noch keine Rechercheaufgaben. Stellen Sie oben eine Frage, um eine zu starten.</translation>
    </message>
    <message>
        <source>&lt;b&gt;What Deep Research does.&lt;/b&gt; It is an agent, not a chat model: it plans the research, runs many Google searches, reads the pages it finds and writes a long report with numbered, clickable sources. The timeline on the left of a task shows what it is doing.</source>
        <translation>&lt;b&gt;Was Deep Research tut.&lt;/b&gt; Deep Research ist ein Agent, kein Chatmodell: Er plant die Recherche, führt viele Google-Suchen aus, liest die gefundenen Seiten und schreibt einen ausführlichen Bericht mit nummerierten, anklickbaren Quellen. Der Verlauf links neben einer Aufgabe zeigt, was er gerade tut.</translation>
    </message>
    <message>
        <source>&lt;b&gt;How long it takes.&lt;/b&gt; Minutes, not seconds: most runs finish within 20 minutes, and a run can last up to an hour. It runs on Google&apos;s servers: you can keep chatting, close the app and come back; the task is found again at the next start, and a notification says when it ends.</source>
        <translation>&lt;b&gt;Wie lange es dauert.&lt;/b&gt; Minuten, nicht Sekunden: Die meisten Läufe sind innerhalb von 20 Minuten fertig, ein Lauf kann bis zu einer Stunde dauern. Er läuft auf den Servern von Google: Sie können weiter chatten, die App schließen und später zurückkommen; die Aufgabe wird beim nächsten Start wiedergefunden, und eine Benachrichtigung meldet, wenn sie endet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;What it costs.&lt;/b&gt; Much more than a chat answer: a run is billed to your API key for every token the agent reads and writes (often hundreds of thousands) and for its searches. See &lt;a href=&quot;{0}&quot;&gt;Gemini API pricing&lt;/a&gt;; the tokens a run used are shown under its report. Cancel stops a run you no longer need.</source>
        <translation>&lt;b&gt;Was es kostet.&lt;/b&gt; Viel mehr als eine Chatantwort: Ein Lauf wird Ihrem API-Schlüssel für jedes Token berechnet, das der Agent liest und schreibt (oft Hunderttausende), sowie für seine Suchen. Siehe &lt;a href=&quot;{0}&quot;&gt;Preise der Gemini API&lt;/a&gt;; die von einem Lauf verbrauchten Tokens stehen unter seinem Bericht. „Abbrechen“ beendet einen Lauf, den Sie nicht mehr brauchen.</translation>
    </message>
</context>
<context>
    <name>ResearchTaskList</name>
    <message>
        <source>Research tasks</source>
        <translation>Rechercheaufgaben</translation>
    </message>
</context>
<context>
    <name>ResearchTaskModel</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>1 search</source>
        <translation>1 Suche</translation>
    </message>
    <message>
        <source>{0} searches</source>
        <translation>{0} Suchen</translation>
    </message>
    <message>
        <source>1 page read</source>
        <translation>1 Seite gelesen</translation>
    </message>
    <message>
        <source>{0} pages read</source>
        <translation>{0} Seiten gelesen</translation>
    </message>
    <message>
        <source>report ready</source>
        <translation>Bericht fertig</translation>
    </message>
    <message>
        <source>writing report</source>
        <translation>Bericht wird geschrieben</translation>
    </message>
    <message>
        <source>thinking</source>
        <translation>denkt nach</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
</context>
<context>
    <name>ResearchTimeline</name>
    <message>
        <source>Research timeline</source>
        <translation>Verlauf der Recherche</translation>
    </message>
</context>
<context>
    <name>RunSettingsPanel</name>
    <message>
        <source>Google Search</source>
        <translation>Google Search</translation>
    </message>
    <message>
        <source>Ground answers in Google Search results</source>
        <translation>Antworten auf Ergebnisse von Google Search stützen</translation>
    </message>
    <message>
        <source>URL context</source>
        <translation>URL-Kontext</translation>
    </message>
    <message>
        <source>Let the model read the web pages named in the prompt</source>
        <translation>Das Modell die im Prompt genannten Webseiten lesen lassen</translation>
    </message>
    <message>
        <source>Code execution</source>
        <translation>Codeausführung</translation>
    </message>
    <message>
        <source>Let the model write and run Python code</source>
        <translation>Das Modell Python-Code schreiben und ausführen lassen</translation>
    </message>
    <message>
        <source>Google Maps</source>
        <translation>Google Maps</translation>
    </message>
    <message>
        <source>Ground answers in Google Maps places</source>
        <translation>Antworten auf Orte aus Google Maps stützen</translation>
    </message>
    <message>
        <source>File Search</source>
        <translation>File Search</translation>
    </message>
    <message>
        <source>Search your File Search stores (Knowledge)</source>
        <translation>Ihre File-Search-Speicher durchsuchen (Wissen)</translation>
    </message>
    <message>
        <source>Run settings</source>
        <translation>Ausführungseinstellungen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run settings&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ausführungseinstellungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>System instruction…</source>
        <translation>Systemanweisung …</translation>
    </message>
    <message>
        <source>System instruction</source>
        <translation>Systemanweisung</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Local tools</source>
        <translation>Lokale Tools</translation>
    </message>
    <message>
        <source>File Search stores…</source>
        <translation>File-Search-Speicher …</translation>
    </message>
    <message>
        <source>Choose File Search stores</source>
        <translation>File-Search-Speicher wählen</translation>
    </message>
    <message>
        <source>Tool choice</source>
        <translation>Tool-Auswahl</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Any (must use a tool)</source>
        <translation>Immer ein Tool</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Ask again</source>
        <translation>Wieder fragen</translation>
    </message>
    <message>
        <source>Ask again before these tools run</source>
        <translation>Vor dem Ausführen dieser Tools wieder fragen</translation>
    </message>
    <message>
        <source>Forget the tools allowed with Always allow in this conversation</source>
        <translation>Die in dieser Unterhaltung mit „Immer erlauben“ erlaubten Tools vergessen</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Structured output</source>
        <translation>JSON-Ausgabe</translation>
    </message>
    <message>
        <source>Answers are JSON that follows a JSON Schema</source>
        <translation>Antworten sind JSON nach einem JSON Schema</translation>
    </message>
    <message>
        <source>Schema…</source>
        <translation>Schema …</translation>
    </message>
    <message>
        <source>Edit the JSON Schema</source>
        <translation>Das JSON Schema bearbeiten</translation>
    </message>
    <message>
        <source>Max output tokens</source>
        <translation>Maximale Ausgabetokens</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Modellstandard</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Max. Tokens</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>Thinking level</source>
        <translation>Denkstufe</translation>
    </message>
    <message>
        <source>minimal</source>
        <translation>minimal</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>extra high</source>
        <translation>sehr hoch</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Show thought summaries</source>
        <translation>Gedanken zusammenfassen</translation>
    </message>
    <message>
        <source>Ask the model for summaries of its thinking</source>
        <translation>Das Modell um Zusammenfassungen seiner Gedanken bitten</translation>
    </message>
    <message>
        <source>Images and storage</source>
        <translation>Bilder und Speicherung</translation>
    </message>
    <message>
        <source>Options of generated images</source>
        <translation>Optionen für erzeugte Bilder</translation>
    </message>
    <message>
        <source>Aspect ratio and size of generated images (image models); sent only when chosen</source>
        <translation>Seitenverhältnis und Größe erzeugter Bilder (Bildmodelle); nur gesendet, wenn ausgewählt</translation>
    </message>
    <message>
        <source>Don&apos;t keep on server</source>
        <translation>Nicht auf dem Server speichern</translation>
    </message>
    <message>
        <source>Don&apos;t keep this conversation on the server</source>
        <translation>Diese Unterhaltung nicht auf dem Server speichern</translation>
    </message>
    <message>
        <source>Every turn then sends the whole conversation from this computer</source>
        <translation>Jede Runde sendet dann die ganze Unterhaltung von diesem Computer</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>The API deprecates temperature. It is sent only when you set it here.</source>
        <translation>Die API stuft die Temperatur als veraltet ein. Sie wird nur gesendet, wenn Sie sie hier festlegen.</translation>
    </message>
    <message>
        <source>MCP servers</source>
        <translation>MCP-Server</translation>
    </message>
    <message>
        <source>Every tool of {0}, also tools it adds later</source>
        <translation>Jedes Tool von {0}, auch später hinzukommende</translation>
    </message>
    <message>
        <source>Always allowed in this conversation: {0}</source>
        <translation>In dieser Unterhaltung immer erlaubt: {0}</translation>
    </message>
    <message>
        <source>Current time</source>
        <translation>Aktuelle Uhrzeit</translation>
    </message>
    <message>
        <source>Date, time and time zone of this computer</source>
        <translation>Datum, Uhrzeit und Zeitzone dieses Computers</translation>
    </message>
    <message>
        <source>Read file</source>
        <translation>Datei lesen</translation>
    </message>
    <message>
        <source>Read an attached text file or one in an allowed folder</source>
        <translation>Eine angehängte Textdatei oder eine in einem erlaubten Ordner lesen</translation>
    </message>
    <message>
        <source>List folder</source>
        <translation>Ordner auflisten</translation>
    </message>
    <message>
        <source>List a folder allowed in Preferences</source>
        <translation>Einen in den Programmeinstellungen erlaubten Ordner auflisten</translation>
    </message>
    <message>
        <source>Open link</source>
        <translation>Link öffnen</translation>
    </message>
    <message>
        <source>Open an http/https link in the browser</source>
        <translation>Einen http/https-Link im Browser öffnen</translation>
    </message>
    <message>
        <source>Read clipboard</source>
        <translation>Zwischenablage lesen</translation>
    </message>
    <message>
        <source>Read the clipboard&apos;s text</source>
        <translation>Den Text der Zwischenablage lesen</translation>
    </message>
    <message>
        <source>MCP server (runs on Google&apos;s side)</source>
        <translation>MCP-Server (läuft bei Google)</translation>
    </message>
    <message>
        <source>All tools</source>
        <translation>Alle Tools</translation>
    </message>
</context>
<context>
    <name>SchemaEditorDialog</name>
    <message>
        <source>Structured output: JSON Schema</source>
        <translation>Strukturierte Ausgabe: JSON Schema</translation>
    </message>
    <message>
        <source>Answers will be JSON following this schema. Start from a template or write your own.</source>
        <translation>Antworten werden JSON nach diesem Schema sein. Beginnen Sie mit einer Vorlage oder schreiben Sie Ihr eigenes.</translation>
    </message>
    <message>
        <source>Schema template</source>
        <translation>Schemavorlage</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Key-value extraction</source>
        <translation>Schlüssel-Wert-Extraktion</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Klassifizierung</translation>
    </message>
    <message>
        <source>Use template</source>
        <translation>Vorlage verwenden</translation>
    </message>
    <message>
        <source>Use the chosen template</source>
        <translation>Die gewählte Vorlage verwenden</translation>
    </message>
    <message>
        <source>JSON Schema</source>
        <translation>JSON Schema</translation>
    </message>
    <message>
        <source>Schema problem</source>
        <translation>Problem mit dem Schema</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Check the schema</source>
        <translation>Das Schema prüfen</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>The schema is valid.</source>
        <translation>Das Schema ist gültig.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Default model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <source>The model new conversations start with.</source>
        <translation>Das Modell, mit dem neue Unterhaltungen beginnen.</translation>
    </message>
    <message>
        <source>API endpoint</source>
        <translation>API-Endpunkt</translation>
    </message>
    <message>
        <source>An alternative endpoint (e.g. a proxy). Empty uses Google&apos;s. The GOOGLE_GEMINI_BASE_URL environment variable takes precedence.</source>
        <translation>Ein anderer Endpunkt (z. B. ein Proxy). Leer verwendet den von Google. Die Umgebungsvariable GOOGLE_GEMINI_BASE_URL hat Vorrang.</translation>
    </message>
    <message>
        <source>Request timeout (seconds)</source>
        <translation>Zeitlimit für Anfragen (Sekunden)</translation>
    </message>
    <message>
        <source>How long to wait for the server before giving up on a request or a silent stream.</source>
        <translation>Wie lange auf den Server gewartet wird, bevor eine Anfrage oder ein stiller Stream aufgegeben wird.</translation>
    </message>
    <message>
        <source>Attempts per request</source>
        <translation>Versuche pro Anfrage</translation>
    </message>
    <message>
        <source>How many times a request is tried when the server is busy or failing (1 = no retries).</source>
        <translation>Wie oft eine Anfrage versucht wird, wenn der Server ausgelastet ist oder Fehler meldet (1 = keine Wiederholungen).</translation>
    </message>
    <message>
        <source>Inline attachment limit (MB)</source>
        <translation>Grenze für eingebettete Anhänge (MB)</translation>
    </message>
    <message>
        <source>Files up to this size travel inside the request; larger ones are uploaded first.</source>
        <translation>Dateien bis zu dieser Größe werden in der Anfrage mitgeschickt; größere werden zuerst hochgeladen.</translation>
    </message>
    <message>
        <source>Research stall warning (minutes)</source>
        <translation>Warnung bei stockender Recherche (Minuten)</translation>
    </message>
    <message>
        <source>A research task with no progress for this long is marked as stalled.</source>
        <translation>Eine Rechercheaufgabe, die so lange keinen Fortschritt macht, wird als stockend markiert.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language of the interface. System follows the desktop&apos;s language. Takes effect after a restart.</source>
        <translation>Die Sprache der Oberfläche. „System“ folgt der Sprache des Desktops. Wirkt nach einem Neustart.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Notify when research finishes</source>
        <translation>Benachrichtigen, wenn eine Recherche endet</translation>
    </message>
    <message>
        <source>Show a system notification when a research task finishes or fails.</source>
        <translation>Eine Systembenachrichtigung anzeigen, wenn eine Rechercheaufgabe endet oder fehlschlägt.</translation>
    </message>
    <message>
        <source>Colour scheme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Light or dark: follow the system, or always light, or always dark.</source>
        <translation>Hell oder dunkel: dem System folgen, immer hell oder immer dunkel.</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Keep running in the tray when the window is closed</source>
        <translation>Im Infobereich weiterlaufen, wenn das Fenster geschlossen wird</translation>
    </message>
    <message>
        <source>Closing the window hides it; the tray icon brings it back, and File → Quit ends the app. Only where the desktop has a tray.</source>
        <translation>Das Schließen des Fensters blendet es aus; das Symbol im Infobereich holt es zurück, und Datei → Beenden beendet die App. Nur, wo der Desktop einen Infobereich hat.</translation>
    </message>
    <message>
        <source>Notify when an answer finishes in the background</source>
        <translation>Benachrichtigen, wenn eine Antwort im Hintergrund fertig wird</translation>
    </message>
    <message>
        <source>Show a system notification when an answer finishes while the window is hidden or not focused.</source>
        <translation>Eine Systembenachrichtigung anzeigen, wenn eine Antwort fertig wird, während das Fenster ausgeblendet ist oder nicht den Fokus hat.</translation>
    </message>
    <message>
        <source>New conversations: Google Search</source>
        <translation>Neue Unterhaltungen: Google Search</translation>
    </message>
    <message>
        <source>Switch Google Search on.</source>
        <translation>Google Search einschalten.</translation>
    </message>
    <message>
        <source>New conversations: URL context</source>
        <translation>Neue Unterhaltungen: URL-Kontext</translation>
    </message>
    <message>
        <source>Switch URL context on.</source>
        <translation>URL-Kontext einschalten.</translation>
    </message>
    <message>
        <source>New conversations: Code execution</source>
        <translation>Neue Unterhaltungen: Codeausführung</translation>
    </message>
    <message>
        <source>Switch code execution on.</source>
        <translation>Codeausführung einschalten.</translation>
    </message>
    <message>
        <source>New conversations: Google Maps</source>
        <translation>Neue Unterhaltungen: Google Maps</translation>
    </message>
    <message>
        <source>Switch Google Maps on.</source>
        <translation>Google Maps einschalten.</translation>
    </message>
    <message>
        <source>New conversations: tool choice</source>
        <translation>Neue Unterhaltungen: Tool-Auswahl</translation>
    </message>
    <message>
        <source>How the model may use tools: auto, any (must use one) or none. Empty leaves it to the server.</source>
        <translation>Wie das Modell Tools verwenden darf: auto (automatisch), any (muss eines verwenden) oder none (keine). Leer überlässt es dem Server.</translation>
    </message>
    <message>
        <source>New conversations: max output tokens</source>
        <translation>Neue Unterhaltungen: maximale Ausgabetokens</translation>
    </message>
    <message>
        <source>The longest answer, in tokens. 0 leaves it to the model.</source>
        <translation>Die längste Antwort in Tokens. 0 überlässt es dem Modell.</translation>
    </message>
    <message>
        <source>Tool call timeout (seconds)</source>
        <translation>Zeitlimit für Tool-Aufrufe (Sekunden)</translation>
    </message>
    <message>
        <source>A local or MCP tool that takes longer is stopped and the model told so.</source>
        <translation>Ein lokales oder MCP-Tool, das länger braucht, wird gestoppt, und das Modell erfährt es.</translation>
    </message>
    <message>
        <source>Tool rounds per answer</source>
        <translation>Tool-Runden pro Antwort</translation>
    </message>
    <message>
        <source>How many times one answer may call tools before the model is asked to answer without them.</source>
        <translation>Wie oft eine Antwort Tools aufrufen darf, bevor das Modell gebeten wird, ohne sie zu antworten.</translation>
    </message>
    <message>
        <source>Tool result limit (KB)</source>
        <translation>Grenze für Tool-Ergebnisse (KB)</translation>
    </message>
    <message>
        <source>A longer tool result is cut, with a note saying so, before it is sent.</source>
        <translation>Ein längeres Tool-Ergebnis wird vor dem Senden gekürzt, mit einem Hinweis darauf.</translation>
    </message>
    <message>
        <source>Tools always allowed everywhere</source>
        <translation>Überall immer erlaubte Tools</translation>
    </message>
    <message>
        <source>Function tools (e.g. current_time) that run without asking, in every conversation.</source>
        <translation>Funktions-Tools (z. B. current_time), die in jeder Unterhaltung ohne Nachfrage ausgeführt werden.</translation>
    </message>
    <message>
        <source>Read file and List folder reach only these folders (and the files attached to a conversation).</source>
        <translation>„Datei lesen“ und „Ordner auflisten“ erreichen nur diese Ordner (und die an eine Unterhaltung angehängten Dateien).</translation>
    </message>
    <message>
        <source>Folders the tools may read</source>
        <translation>Ordner, die die Tools lesen dürfen</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Send the prompt</source>
        <translation>Den Prompt senden</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>Neue Zeile</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>Die Antwort stoppen</translation>
    </message>
    <message>
        <source>Search box</source>
        <translation>Suchfeld</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Die Suche leeren</translation>
    </message>
    <message>
        <source>Conversation list</source>
        <translation>Liste der Unterhaltungen</translation>
    </message>
    <message>
        <source>Delete the conversation</source>
        <translation>Die Unterhaltung löschen</translation>
    </message>
    <message>
        <source>Research</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>Start the research</source>
        <translation>Die Recherche starten</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>page {0}</source>
        <translation>Seite {0}</translation>
    </message>
    <message>
        <source>place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Google Search suggestions</source>
        <translation>Vorschläge von Google Search</translation>
    </message>
    <message>
        <source>Searched images</source>
        <translation>Bilder gesucht</translation>
    </message>
    <message>
        <source>Searched the web</source>
        <translation>Im Web gesucht</translation>
    </message>
    <message>
        <source>Searching the web</source>
        <translation>Suche im Web</translation>
    </message>
    <message>
        <source>Reading {0} page(s)</source>
        <translation>{0} Seite(n) werden gelesen</translation>
    </message>
    <message>
        <source>Read {0} page(s)</source>
        <translation>{0} Seite(n) gelesen</translation>
    </message>
    <message>
        <source> ({0} not readable)</source>
        <translation> ({0} nicht lesbar)</translation>
    </message>
    <message>
        <source>Running {0} code…</source>
        <translation>{0}-Code wird ausgeführt …</translation>
    </message>
    <message>
        <source>{0} code failed</source>
        <translation>{0}-Code fehlgeschlagen</translation>
    </message>
    <message>
        <source>Ran {0} code</source>
        <translation>{0}-Code ausgeführt</translation>
    </message>
    <message>
        <source>Looked up places</source>
        <translation>Orte nachgeschlagen</translation>
    </message>
    <message>
        <source>Looking up places</source>
        <translation>Orte werden nachgeschlagen</translation>
    </message>
    <message>
        <source> · {0} found</source>
        <translation> · {0} gefunden</translation>
    </message>
    <message>
        <source>Searching your files</source>
        <translation>Ihre Dateien werden durchsucht</translation>
    </message>
    <message>
        <source>Searched your files</source>
        <translation>Ihre Dateien durchsucht</translation>
    </message>
    <message>
        <source> · {0} hit(s)</source>
        <translation> · {0} Treffer</translation>
    </message>
    <message>
        <source> on {0}</source>
        <translation> auf {0}</translation>
    </message>
    <message>
        <source> (failed)</source>
        <translation> (fehlgeschlagen)</translation>
    </message>
    <message>
        <source>Called {0}</source>
        <translation>{0} aufgerufen</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>Suchanfragen</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>wird gelesen …</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation>(keine Ausgabe)</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Orte</translation>
    </message>
    <message>
        <source>document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>, page {0}</source>
        <translation>, Seite {0}</translation>
    </message>
    <message>
        <source>The file search returned its passages to the model.</source>
        <translation>Die Dateisuche hat ihre Textstellen an das Modell übergeben.</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>read</source>
        <translation>gelesen</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>paywall</source>
        <translation>Paywall</translation>
    </message>
    <message>
        <source>unsafe</source>
        <translation>unsicher</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Ausgabe:</translation>
    </message>
    <message>
        <source>Step details</source>
        <translation>Details des Schritts</translation>
    </message>
    <message>
        <source>Show or hide what this step did</source>
        <translation>Ein- oder ausblenden, was dieser Schritt getan hat</translation>
    </message>
    <message>
        <source>Tool steps</source>
        <translation>Tool-Schritte</translation>
    </message>
</context>
<context>
    <name>StorageDialog</name>
    <message>
        <source>Free some space on that disk, then press Retry.</source>
        <translation>Geben Sie auf diesem Datenträger Speicherplatz frei und klicken Sie dann auf „Wiederholen“.</translation>
    </message>
    <message>
        <source>The folder is on a read-only file system. Make it writable, then press Retry.</source>
        <translation>Der Ordner liegt auf einem schreibgeschützten Dateisystem. Machen Sie ihn beschreibbar und klicken Sie dann auf „Wiederholen“.</translation>
    </message>
    <message>
        <source>The disk may be failing. Check it, then press Retry.</source>
        <translation>Der Datenträger ist möglicherweise defekt. Prüfen Sie ihn und klicken Sie dann auf „Wiederholen“.</translation>
    </message>
    <message>
        <source>Give your user write access to the folder, then press Retry.</source>
        <translation>Geben Sie Ihrem Benutzer Schreibzugriff auf den Ordner und klicken Sie dann auf „Wiederholen“.</translation>
    </message>
    <message>
        <source>Check the folder, then press Retry.</source>
        <translation>Prüfen Sie den Ordner und klicken Sie dann auf „Wiederholen“.</translation>
    </message>
</context>
<context>
    <name>StorageProblemDialog</name>
    <message>
        <source>Cannot save conversations</source>
        <translation>Unterhaltungen können nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Gemini Desktop cannot write to its data folder:
{0}

Cause: {1}.</source>
        <translation>Gemini Desktop kann nicht in seinen Datenordner schreiben:
{0}

Ursache: {1}.</translation>
    </message>
    <message>
        <source>Continue without saving keeps this session&apos;s conversations in memory only: they are lost when the app closes.</source>
        <translation>„Ohne Speichern fortfahren“ hält die Unterhaltungen dieser Sitzung nur im Arbeitsspeicher: Sie gehen verloren, wenn die App geschlossen wird.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Continue &amp;without saving</source>
        <translation>&amp;Ohne Speichern fortfahren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>StorePickerDialog</name>
    <message>
        <source>File Search stores</source>
        <translation>File-Search-Speicher</translation>
    </message>
    <message>
        <source>File Search in this conversation searches these stores:</source>
        <translation>File Search durchsucht in dieser Unterhaltung diese Speicher:</translation>
    </message>
    <message>
        <source>Stores to search</source>
        <translation>Zu durchsuchende Speicher</translation>
    </message>
    <message>
        <source>{0} ({1} documents)</source>
        <translation>{0} ({1} Dokumente)</translation>
    </message>
</context>
<context>
    <name>ToolListEditor</name>
    <message>
        <source>Tools always allowed</source>
        <translation>Immer erlaubte Tools</translation>
    </message>
    <message>
        <source>Add tool…</source>
        <translation>Tool hinzufügen …</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove tool</source>
        <translation>Tool entfernen</translation>
    </message>
    <message>
        <source>Choose a tool or type a function name.</source>
        <translation>Wählen Sie ein Tool oder geben Sie einen Funktionsnamen ein.</translation>
    </message>
    <message>
        <source>“{0}” is not a function name: use letters, digits and _ . - (at most {1}, starting with a letter or _).</source>
        <translation>„{0}“ ist kein Funktionsname: Verwenden Sie Buchstaben, Ziffern und _ . - (höchstens {1}, beginnend mit einem Buchstaben oder _).</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>ToolReasons</name>
    <message>
        <source>The user denied this call</source>
        <translation>Der Benutzer hat diesen Aufruf verweigert</translation>
    </message>
    <message>
        <source>Stopped by the user.</source>
        <translation>Vom Benutzer gestoppt.</translation>
    </message>
    <message>
        <source>This call was never answered.</source>
        <translation>Dieser Aufruf wurde nie beantwortet.</translation>
    </message>
    <message>
        <source>The app closed while this call ran; it was not run again.</source>
        <translation>Die App wurde geschlossen, während dieser Aufruf lief; er wurde nicht erneut ausgeführt.</translation>
    </message>
    <message>
        <source>The limit of {0} tool rounds for one answer was reached; the call was not run.</source>
        <translation>Die Grenze von {0} Tool-Runden für eine Antwort wurde erreicht; der Aufruf wurde nicht ausgeführt.</translation>
    </message>
    <message>
        <source>The tool did not answer within {0} s.</source>
        <translation>Das Tool hat nicht innerhalb von {0} s geantwortet.</translation>
    </message>
    <message>
        <source>The tool “{0}” is not declared in this conversation.</source>
        <translation>Das Tool „{0}“ ist in dieser Unterhaltung nicht deklariert.</translation>
    </message>
    <message>
        <source>The arguments are not a JSON object: {0}</source>
        <translation>Die Argumente sind kein JSON-Objekt: {0}</translation>
    </message>
    <message>
        <source>The arguments do not match the tool&apos;s schema at {0}: {1}</source>
        <translation>Die Argumente passen bei {0} nicht zum Schema des Tools: {1}</translation>
    </message>
    <message>
        <source>The arguments do not match the tool&apos;s schema: {0}</source>
        <translation>Die Argumente passen nicht zum Schema des Tools: {0}</translation>
    </message>
    <message>
        <source>The tool failed: {0}</source>
        <translation>Das Tool ist fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>The tool returned bytes that are not UTF-8 text.</source>
        <translation>Das Tool hat Bytes zurückgegeben, die kein UTF-8-Text sind.</translation>
    </message>
    <message>
        <source>[Result cut: it was {0} KB; only the first {1} KB were sent.]</source>
        <translation>[Ergebnis gekürzt: Es war {0} KB groß; nur die ersten {1} KB wurden gesendet.]</translation>
    </message>
    <message>
        <source>The clipboard cannot be read here.</source>
        <translation>Die Zwischenablage kann hier nicht gelesen werden.</translation>
    </message>
    <message>
        <source>No path was given.</source>
        <translation>Es wurde kein Pfad angegeben.</translation>
    </message>
    <message>
        <source>“{0}” is neither an attached file nor a full path.</source>
        <translation>„{0}“ ist weder eine angehängte Datei noch ein vollständiger Pfad.</translation>
    </message>
    <message>
        <source>{0} is not inside a folder allowed in Preferences.</source>
        <translation>{0} liegt in keinem Ordner, der in den Programmeinstellungen erlaubt ist.</translation>
    </message>
    <message>
        <source>{0} is not a UTF-8 text file.</source>
        <translation>{0} ist keine UTF-8-Textdatei.</translation>
    </message>
    <message>
        <source>{0} is not a file.</source>
        <translation>{0} ist keine Datei.</translation>
    </message>
    <message>
        <source>{0} is not a folder.</source>
        <translation>{0} ist kein Ordner.</translation>
    </message>
    <message>
        <source>No folder is allowed in Preferences.</source>
        <translation>In den Programmeinstellungen ist kein Ordner erlaubt.</translation>
    </message>
    <message>
        <source>Only http and https links can be opened.</source>
        <translation>Nur http- und https-Links können geöffnet werden.</translation>
    </message>
    <message>
        <source>Links cannot be opened here.</source>
        <translation>Links können hier nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The browser could not open the link.</source>
        <translation>Der Browser konnte den Link nicht öffnen.</translation>
    </message>
    <message>
        <source>The MCP server {0} could not start: {1}</source>
        <translation>Der MCP-Server {0} konnte nicht starten: {1}</translation>
    </message>
    <message>
        <source>The MCP server {0} did not finish starting within {1} s.</source>
        <translation>Der MCP-Server {0} ist nicht innerhalb von {1} s fertig gestartet.</translation>
    </message>
    <message>
        <source>The MCP server {0} failed during the call: {1}</source>
        <translation>Der MCP-Server {0} ist während des Aufrufs ausgefallen: {1}</translation>
    </message>
    <message>
        <source>The MCP server {0} was stopped while starting.</source>
        <translation>Der MCP-Server {0} wurde beim Starten gestoppt.</translation>
    </message>
    <message>
        <source>No command is set.</source>
        <translation>Es ist kein Befehl angegeben.</translation>
    </message>
    <message>
        <source>The URL must start with http:// or https://.</source>
        <translation>Die URL muss mit http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <source>No keyring is available for secret values.</source>
        <translation>Für geheime Werte ist kein Schlüsselbund verfügbar.</translation>
    </message>
    <message>
        <source>This MCP server is no longer configured.</source>
        <translation>Dieser MCP-Server ist nicht mehr eingerichtet.</translation>
    </message>
    <message>
        <source>The MCP tool reported an error.</source>
        <translation>Das MCP-Tool hat einen Fehler gemeldet.</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Transcript</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Your conversation appears here.</source>
        <translation>Ihre Unterhaltung erscheint hier.</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Gemini Desktop tray menu</source>
        <translation>Menü von Gemini Desktop im Infobereich</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Quick ask</source>
        <translation>Schnellfrage</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Research running</source>
        <translation>Laufende Recherchen</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <source>Gemini Desktop</source>
        <translation>Gemini Desktop</translation>
    </message>
    <message>
        <source>Gemini Desktop — research running: {0}</source>
        <translation>Gemini Desktop – laufende Recherchen: {0}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>wird gestartet</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>needs your input</source>
        <translation>wartet auf Sie</translation>
    </message>
    <message>
        <source>stalled</source>
        <translation>stockt</translation>
    </message>
</context>
<context>
    <name>TurnWidget</name>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit and resend this prompt</source>
        <translation>Diesen Prompt bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Your prompt</source>
        <translation>Ihr Prompt</translation>
    </message>
    <message>
        <source>Your attachments</source>
        <translation>Ihre Anhänge</translation>
    </message>
    <message>
        <source>Previous alternative</source>
        <translation>Vorherige Alternative</translation>
    </message>
    <message>
        <source>Next alternative</source>
        <translation>Nächste Alternative</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Write a new answer to this prompt</source>
        <translation>Eine neue Antwort auf diesen Prompt schreiben</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Ask the model to go on from where the answer was cut off</source>
        <translation>Das Modell bitten, dort weiterzumachen, wo die Antwort abgeschnitten wurde</translation>
    </message>
    <message>
        <source>The answer was cut off; continue it</source>
        <translation>Die Antwort wurde abgeschnitten; sie fortsetzen</translation>
    </message>
    <message>
        <source>Show or hide the thoughts</source>
        <translation>Gedanken ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Thoughts</source>
        <translation>Gedanken</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Images in the answer</source>
        <translation>Bilder in der Antwort</translation>
    </message>
    <message>
        <source>How the answer ended</source>
        <translation>Wie die Antwort endete</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Retry this turn</source>
        <translation>Diese Runde wiederholen</translation>
    </message>
    <message>
        <source>Edit the prompt and send it again</source>
        <translation>Den Prompt bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Fetch the rest</source>
        <translation>Rest abrufen</translation>
    </message>
    <message>
        <source>Fetch the rest of the answer from the server</source>
        <translation>Den Rest der Antwort vom Server abrufen</translation>
    </message>
    <message>
        <source>You · {0}</source>
        <translation>Sie · {0}</translation>
    </message>
    <message>
        <source>Gemini · {0} · {1}</source>
        <translation>Gemini · {0} · {1}</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach …</translation>
    </message>
    <message>
        <source>Stopped. The partial answer is kept.</source>
        <translation>Gestoppt. Die Teilantwort bleibt erhalten.</translation>
    </message>
    <message>
        <source>Interrupted: the app closed while this answer was arriving.</source>
        <translation>Unterbrochen: Die App wurde geschlossen, während diese Antwort eintraf.</translation>
    </message>
    <message>
        <source>The answer failed.</source>
        <translation>Die Antwort ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The answer stopped before any reason was given (it may have been blocked). You can retry or edit the prompt.</source>
        <translation>Die Antwort brach ab, bevor ein Grund genannt wurde (sie wurde möglicherweise blockiert). Sie können es erneut versuchen oder den Prompt bearbeiten.</translation>
    </message>
    <message>
        <source>The answer was cut off before it was finished (it probably reached the output limit). Continue asks the model to go on.</source>
        <translation>Die Antwort wurde abgeschnitten, bevor sie fertig war (vermutlich wurde das Ausgabelimit erreicht). „Fortsetzen“ bittet das Modell weiterzumachen.</translation>
    </message>
    <message>
        <source>The model asks to run a tool. Allow or deny it above.</source>
        <translation>Das Modell möchte ein Tool ausführen. Erlauben oder verweigern Sie es oben.</translation>
    </message>
    <message numerus="yes">
        <source>The model asks to run %n tool calls. Allow or deny each one above.</source>
        <translation>
            <numerusform>Das Modell möchte %n Tool-Aufruf ausführen. Erlauben oder verweigern Sie ihn oben.</numerusform>
            <numerusform>Das Modell möchte %n Tool-Aufrufe ausführen. Erlauben oder verweigern Sie jeden einzelnen oben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Running tools and sending their results…</source>
        <translation>Tools werden ausgeführt und ihre Ergebnisse gesendet …</translation>
    </message>
    <message>
        <source>The server no longer had the earlier turns; the context was rebuilt from this computer&apos;s copy.</source>
        <translation>Der Server hatte die früheren Runden nicht mehr; der Kontext wurde aus der Kopie auf diesem Computer wiederhergestellt.</translation>
    </message>
    <message>
        <source>Fetched from the server after an interruption.</source>
        <translation>Nach einer Unterbrechung vom Server abgerufen.</translation>
    </message>
    <message>
        <source>Not saved: could not write to {0} ({1}). It will be saved when space is available.</source>
        <translation>Nicht gespeichert: {0} konnte nicht geschrieben werden ({1}). Es wird gespeichert, sobald wieder Platz ist.</translation>
    </message>
    <message>
        <source>{0} in · {1} out</source>
        <translation>{0} Eingabe · {1} Ausgabe</translation>
    </message>
    <message>
        <source> · {0} thinking</source>
        <translation> · {0} Denken</translation>
    </message>
    <message>
        <source> · {0} tool use</source>
        <translation> · {0} Tool-Nutzung</translation>
    </message>
    <message>
        <source> · {0} tokens</source>
        <translation> · {0} Tokens</translation>
    </message>
</context>
</TS>
