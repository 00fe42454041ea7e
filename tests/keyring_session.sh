#!/usr/bin/env bash
# Run a command inside a throwaway D-Bus session with a real, unlocked Secret Service
# (gnome-keyring-daemon), so the key store is tested against the real thing in CI.
#
#   bash tests/keyring_session.sh .venv/bin/python -m pytest tests/unit/test_keystore.py -q
#
# The command sees a temporary HOME / XDG_DATA_HOME / XDG_CONFIG_HOME / XDG_CACHE_HOME and a
# 0700 XDG_RUNTIME_DIR (so no real keyring is touched) and GEMINI_DESKTOP_TEST_SECRET_SERVICE=1
# (so the tests fail rather than skip if the service is unusable). The script exits with the
# command's status; the keyring daemon is stopped and the temporary folder removed afterwards.
#
# Needs the Debian packages: dbus gnome-keyring dbus-x11 libsecret-tools
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$0: '$tool' not found; install: apt-get install -y dbus gnome-keyring dbus-x11 libsecret-tools" >&2
        exit 127
    fi
done

session_dir="$(mktemp -d "${TMPDIR:-/tmp}/gemini-keyring.XXXXXX")"
pid_file="$session_dir/keyring.pid"

cleanup() {
    # The daemon detaches from the session, so dbus-run-session cannot stop it: do it here.
    if [ -s "$pid_file" ]; then
        local pid
        pid="$(cat "$pid_file")"
        if kill "$pid" 2>/dev/null; then
            for _ in $(seq 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$session_dir"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$session_dir/home" "$session_dir/data" "$session_dir/config" "$session_dir/cache" \
    "$session_dir/runtime"
chmod 700 "$session_dir/runtime"
export HOME="$session_dir/home"
export XDG_DATA_HOME="$session_dir/data"
export XDG_CONFIG_HOME="$session_dir/config"
export XDG_CACHE_HOME="$session_dir/cache"
export XDG_RUNTIME_DIR="$session_dir/runtime"
export GEMINI_DESKTOP_TEST_PID_FILE="$pid_file"
# Without a display a locked keyring must fail fast instead of waiting for a prompt; and a
# desktop session's own keyring daemon must not be found and unlocked instead of ours.
unset DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL

# The command reaches the inner shell as "$@", so its arguments keep their exact quoting.
status=0
dbus-run-session -- bash -c '
    set -euo pipefail
    # Export whatever the daemon prints (e.g. GNOME_KEYRING_CONTROL) to the command.
    set -a
    eval "$(printf pass | gnome-keyring-daemon --unlock --components=secrets)"
    set +a
    # The daemon registers on the bus asynchronously; wait until it owns the name.
    owner_pid=""
    for _ in $(seq 100); do
        if reply="$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus \
                /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID \
                string:org.freedesktop.secrets 2>/dev/null)"; then
            owner_pid="${reply##* }"
            break
        fi
        sleep 0.1
    done
    if [ -z "$owner_pid" ]; then
        echo "keyring_session.sh: the Secret Service did not start" >&2
        exit 125
    fi
    printf "%s\n" "$owner_pid" > "$GEMINI_DESKTOP_TEST_PID_FILE"
    unset GEMINI_DESKTOP_TEST_PID_FILE
    export GEMINI_DESKTOP_TEST_SECRET_SERVICE=1
    exec "$@"
' keyring-session "$@" || status=$?
exit "$status"
