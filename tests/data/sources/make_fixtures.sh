#!/bin/sh
# Re-make the history and journal fixtures with the real tools (Debian 12 packages:
# bash, zsh, fish, faketime, systemd-journal-remote). faketime pins each command's clock,
# so every fixture holds fixed, known times (2026-11-27, UTC).
# Run from this folder: sh make_fixtures.sh
set -eu
here=$(pwd)
export TZ=UTC

rm -f bash_history zsh_history fish_history journal.json
at() { faketime "2026-11-27 $1" "$@"; }

bash_cmd() {  # $1 time, $2 command: one bash process appends one entry (#epoch + command)
    faketime "2026-11-27 $1" bash -c 'set -o history; HISTFILE="$0"; HISTTIMEFORMAT="%F %T "; history -c; history -s "$1"; history -a' "$here/bash_history" "$2"
}
bash_cmd 14:02:05 'kubectl -n shop get pods'
bash_cmd 14:03:10 'curl -H "Authorization: Bearer s3cr3tT0ken" https://api.internal/health'
bash_cmd 14:05:00 'mysql -u admin -phunter2 orders -e "select 1"'
bash_cmd 14:09:30 'kubectl -n shop rollout undo deploy/checkout'

zsh_cmd() {  # one interactive zsh appends one extended-history entry
    faketime "2026-11-27 $1" zsh -f -i -c 'setopt EXTENDED_HISTORY; HISTFILE=$1; SAVEHIST=100; HISTSIZE=100; print -s -- "$2"; fc -A' zsh "$here/zsh_history" "$2" </dev/null
}
zsh_cmd 14:02:30 'systemctl restart nginx'
zsh_cmd 14:04:00 'export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789'
zsh_cmd 14:06:00 'echo café déjà vu'
zsh_cmd 14:07:00 'for i in 1 2
do echo $i
done'

fish_cmd() {  # an interactive fish in a pty types one command; fish writes its history
    dir=$(mktemp -d)
    mkdir -p "$dir/fish"
    [ -f fish_history ] && cp fish_history "$dir/fish/fish_history"
    (sleep 3; printf '%s\r' "$2"; sleep 2; printf 'exit\r'; sleep 1) | TERM=xterm XDG_DATA_HOME="$dir" XDG_CONFIG_HOME="$dir" \
        faketime "2026-11-27 $1" script -qec "fish" /dev/null >/dev/null 2>&1 || true
    awk 'BEGIN{skip=0} /^- cmd: exit$/{skip=1; next} /^- cmd:/{skip=0} !skip' "$dir/fish/fish_history" > fish_history
    rm -rf "$dir"
}
fish_cmd 14:03:00 'echo checking the deploy'
fish_cmd 14:08:00 'vault login --token=s.abcdef123456'

# The journal: entries in journal export format, written to a journal file by
# systemd-journal-remote, read back with journalctl --file -o json.
dir=$(mktemp -d)
python3 - > "$dir/export.txt" <<'PY'
import datetime
def entry(t, unit, prio, msg, n):
    us = int(datetime.datetime(2026, 11, 27, *t, tzinfo=datetime.timezone.utc).timestamp() * 1_000_000)
    print(f"__CURSOR=s=fixture;i={n}\n__REALTIME_TIMESTAMP={us}\n__MONOTONIC_TIMESTAMP={n}\n_BOOT_ID=0123456789abcdef0123456789abcdef\n_HOSTNAME=web-1\n_SYSTEMD_UNIT={unit}\nSYSLOG_IDENTIFIER={unit.split('.')[0]}\nPRIORITY={prio}\nMESSAGE={msg}\n")
entry((14, 1, 58), "nginx.service", 6, "nginx: reload requested", 1)
entry((14, 2, 3), "checkout.service", 3, "checkout: upstream connect error: connection refused", 2)
entry((14, 2, 40), "checkout.service", 4, "checkout: retrying with backoff", 3)
entry((14, 9, 50), "checkout.service", 6, "checkout: healthy again", 4)
PY
/lib/systemd/systemd-journal-remote --output="$dir/fixture.journal" "$dir/export.txt"
journalctl --file "$dir/fixture.journal" -o json --no-pager > journal.json
rm -rf "$dir"
