<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ApiKeyDialog</name>
    <message>
        <source>Gemini API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gemini Desktop needs an API key. It is kept in your system keyring, never in a file. &lt;a href=&quot;{0}&quot;&gt;Create a key in Google AI Studio&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save without checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the key now; it is checked when it is first used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key from the environment (GEMINI_API_KEY) is in use and takes precedence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gemini Desktop needs an API key. &lt;a href=&quot;{0}&quot;&gt;Create a key in Google AI Studio&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The key cannot be stored:&lt;/b&gt; no usable system keyring was found, so a key entered here is used until you quit and must be entered again next time.&lt;br&gt;To keep it, install a keyring (on Debian/Ubuntu: &lt;code&gt;sudo apt install {0}&lt;/code&gt;) and log in again, or set the &lt;code&gt;GEMINI_API_KEY&lt;/code&gt; environment variable before starting the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use for this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the key with {0}… {1} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Gemini API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can save the key without checking it; it is checked when it is first used.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppError</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation expired on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was cut off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an API key in Settings → API key, or set GEMINI_API_KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk reported an I/O error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the app may not write there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another program (another Gemini Desktop?) is using the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database could not be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t attach this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server no longer has the earlier part of this conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key was rejected. Check it in Settings → API key, or create a new one in Google AI Studio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This API key may not use that model or feature. Check the key&apos;s project and its access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not find that item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server took too long to answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Gemini service had a problem. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection dropped while the server was continuing a long answer. What arrived is kept; you can retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time. Check your connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the Gemini service, or the connection dropped. Check your connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an answer the app could not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an unexpected answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key contains a character that cannot be sent (spaces, quotes and accented letters cannot be part of a key). Copy the key again from Google AI Studio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the Gemini service. Check your connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentBar</name>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel upload of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading… {0}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask Gemini…  (Enter sends, Shift+Enter adds a line)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationMenu</name>
    <message>
        <source>Max output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest answer, in tokens (0: the model&apos;s limit):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run settings panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose File Search &amp;stores…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool &amp;choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit JSON &amp;schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;hinking level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minimal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extra high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show thought s&amp;ummaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Max output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Don&apos;t keep on server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ystem instruction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Advanced: temperature (deprecated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Knowledge (File Search stores)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationSettingsBar</name>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent with every turn of this conversation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools and options in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the run settings (tools, output, thinking…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image: auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System instruction ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System instruction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≤{0} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>temp {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File Search stores: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File Search stores ({0})…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File Search stores…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationTab</name>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach images, PDFs, audio, video or text files (or drop them anywhere here, or paste them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this prompt when the answer before it ends (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments are available once the conversations are loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is attached: say how to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No application could open “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is no longer stored on this computer: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the attachments to be ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An answer is running: Enter or Queue sends this prompt when it ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt is back in the composer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt (the old answer is kept as an alternative):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML with images (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DropOverlay</name>
    <message>
        <source>Drop files to attach</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Save image as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the image to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the image to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This image cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonAnswerView</name>
    <message>
        <source>Schema check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First validation error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the JSON as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formatted JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ Invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked against the conversation&apos;s JSON Schema</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnowledgeDialog</name>
    <message>
        <source>New File Search store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files to the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knowledge: File Search stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File Search stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or create a store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop files here to add them to the selected store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files being added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knowledge status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Stores&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the stores…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}
{1} documents · {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} stores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stores yet: create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating “{0}”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the store “{0}” and all its documents? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “{0}” from the store? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or create a store first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only files can be added (not folders).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>You have no File Search stores yet. Create one in Conversation → Knowledge, then switch File Search on again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation database damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The damaged file was kept as {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation database could not be read, so a new one was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} research tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation database was damaged. Recovered {0} into a new database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} conversations whose titles were lost are named &quot;{1}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keyring for the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gemini Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main tabs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;API key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Gemini Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Gemini Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Gemini Desktop&lt;/b&gt; {0}&lt;br&gt;A desktop assistant for the Gemini Interactions API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key — Settings → API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key not usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key cannot be used: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key comes from the environment (GEMINI_API_KEY / GOOGLE_API_KEY).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the API key from the environment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gemini Desktop — not saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saving: conversations are kept in memory only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} could not be written ({1}). Nothing from this session is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MediaTile</name>
    <message>
        <source>image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open {0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this image: attach it to the next prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach this image to the next prompt to refine it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in the viewer: zoom, Save as…, Copy, drag out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, not downloaded:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open the link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, not downloaded: open the link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This image cannot be shown: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasteHelper</name>
    <message>
        <source>The pasted content could not be saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PendingPromptRow</name>
    <message>
        <source>{0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued prompt {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent when the answer before it ends. Edit it here; Enter keeps the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ 1 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ {0} files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove queued prompt {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not send this prompt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PendingPrompts</name>
    <message>
        <source>Queued prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send them now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the queued prompts now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 prompt waiting: the last answer did not end well, so it was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} prompts waiting: the last answer did not end well, so they were not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 prompt queued: it is sent when the answer ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} prompts queued: each is sent when the answer before it ends.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>(server default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by the GOOGLE_GEMINI_BASE_URL environment variable; unset it to choose here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the environment variable GOOGLE_GEMINI_BASE_URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Research</name>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs your input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} h {1:02d} min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchController</name>
    <message>
        <source>Could not cancel “{0}”: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research cancelled: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered the cancel with “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking “{0}” again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to change in the plan first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan looks good. Go ahead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not send the reply to “{0}”: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan approved: the research goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked the agent to revise the plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research needs your input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research ended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchDetail</name>
    <message>
        <source>&amp;Cancel run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in c&amp;onversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the run&apos;s status from the server again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server to cancel the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a research task to see its progress and report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to the research plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan is shown in the report. Approve it to start the research, or say what to change and ask for a new plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your reply to the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E.g. “Focus on Europe and skip prices.” (optional to approve)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the research with this plan (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for &amp;changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for changes to the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send your reply; the agent proposes a new plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This research failed: {0}
You can start it again with the same prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app cannot read this run&apos;s status: {0}
It may still be running on the server. Check again, or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run is idle on the server. It is checked from time to time until it moves on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No progress for over {0} minutes: the run may be stuck. You can keep waiting or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent proposed a plan and waits for you: approve it or ask for changes below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run ended early ({0}). The report may be partial.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchNotifier</name>
    <message>
        <source>Research</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research tasks finished since you last looked: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchReport</name>
    <message>
        <source>Research report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: {0} tokens ({1} input, {2} output, {3} thinking)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchStartForm</name>
    <message>
        <source>Research question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should be researched? Ctrl+Enter starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thought &amp;summaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show thought summaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts and &amp;images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow charts and images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Plan with me first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collaborative planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent proposes a research plan and waits for your approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start research</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start research (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchTab</name>
    <message>
        <source>Cancel research?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel “{0}”? The agent stops and the work done so far may be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export research</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No research tasks yet. Ask a question above to start one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchTaskList</name>
    <message>
        <source>Research tasks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchTaskModel</name>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 page read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} pages read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>report ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchTimeline</name>
    <message>
        <source>Research timeline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunSettingsPanel</name>
    <message>
        <source>Google Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground answers in Google Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the model read the web pages named in the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code execution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the model write and run Python code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground answers in Google Maps places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search your File Search stores (Knowledge)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Run settings&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System instruction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File Search stores…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose File Search stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any (must use a tool)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Structured output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers are JSON that follows a JSON Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the JSON Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minimal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extra high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show thought summaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the model for summaries of its thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images and storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options of generated images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aspect ratio and size of generated images (image models); sent only when chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t keep on server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Don&apos;t keep this conversation on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every turn then sends the whole conversation from this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API deprecates temperature. It is sent only when you set it here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemaEditorDialog</name>
    <message>
        <source>Structured output: JSON Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers will be JSON following this schema. Start from a template or write your own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key-value extraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the chosen template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema is valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model new conversations start with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An alternative endpoint (e.g. a proxy). Empty uses Google&apos;s. The GOOGLE_GEMINI_BASE_URL environment variable takes precedence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request timeout (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long to wait for the server before giving up on a request or a silent stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts per request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times a request is tried when the server is busy or failing (1 = no retries).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inline attachment limit (MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files up to this size travel inside the request; larger ones are uploaded first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Research stall warning (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A research task with no progress for this long is marked as stalled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the interface. System follows the desktop&apos;s language. Takes effect after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify when research finishes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a system notification when a research task finishes or fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations: Google Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch Google Search on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations: URL context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch URL context on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations: Code execution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch code execution on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations: Google Maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch Google Maps on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations: tool choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the model may use tools: auto, any (must use one) or none. Empty leaves it to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations: max output tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The longest answer, in tokens. 0 leaves it to the model.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>page {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Search suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searched images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searched the web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching the web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {0} page(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read {0} page(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({0} not readable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running {0} code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} code failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran {0} code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looked up places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {0} found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching your files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searched your files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {0} hit(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> on {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Called {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, page {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file search returned its passages to the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paywall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsafe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide what this step did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool steps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorageDialog</name>
    <message>
        <source>Free some space on that disk, then press Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder is on a read-only file system. Make it writable, then press Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk may be failing. Check it, then press Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give your user write access to the folder, then press Retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the folder, then press Retry.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorageProblemDialog</name>
    <message>
        <source>Cannot save conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gemini Desktop cannot write to its data folder:
{0}

Cause: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue without saving keeps this session&apos;s conversations in memory only: they are lost when the app closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue &amp;without saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorePickerDialog</name>
    <message>
        <source>File Search stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File Search in this conversation searches these stores:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ({1} documents)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your conversation appears here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TurnWidget</name>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and resend this prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous alternative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next alternative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new answer to this prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the model to go on from where the answer was cut off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was cut off; continue it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the thoughts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thoughts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images in the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the answer ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry this turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the prompt and send it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the rest of the answer from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You · {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gemini · {0} · {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. The partial answer is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: the app closed while this answer was arriving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer stopped before any reason was given (it may have been blocked). You can retry or edit the prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was cut off before it was finished (it probably reached the output limit). Continue asks the model to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server no longer had the earlier turns; the context was rebuilt from this computer&apos;s copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetched from the server after an interruption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: could not write to {0} ({1}). It will be saved when space is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} in · {1} out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {0} thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {0} tool use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {0} tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
