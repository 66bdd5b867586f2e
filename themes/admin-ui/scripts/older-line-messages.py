#!/usr/bin/env python3
"""
Writes the admin console messages that Keycloak 26.7.4's console needs and an older line's server lacks into this
theme's messages_en.properties (between the BEGIN/END markers), with 26.7.4's own English texts, and the list of
26.7.4's admin message keys that AdminConsoleIT uses to spot a raw key on the page.

Run after changing the @keycloak/keycloak-admin-ui version or the lines offered (distributions from ~/.m2):
    python3 themes/admin-ui/scripts/older-line-messages.py 26.7.4 26.4.7 26.5.6 26.6.4
"""
import io
import pathlib
import sys
import zipfile

M2 = pathlib.Path.home() / ".m2/repository/org/keycloak/keycloak-quarkus-dist"
ROOT = pathlib.Path(__file__).resolve().parents[3]
THEME_MESSAGES = ROOT / "themes/personal-access-tokens/admin/messages/messages_en.properties"
KEY_LIST = ROOT / "src/test/resources/admin-console-message-keys.txt"
BEGIN = "# BEGIN messages of Keycloak's admin console"
END = "# END messages of Keycloak's admin console"


def logical_lines(text):
    lines, buffer = [], []
    for raw in text.splitlines():
        buffer.append(raw)
        if (len(raw) - len(raw.rstrip("\\"))) % 2 == 1:
            continue
        lines.append("\n".join(buffer))
        buffer = []
    if buffer:
        lines.append("\n".join(buffer))
    return lines


def key_of(line):
    s = line.lstrip()
    if not s or s[0] in "#!":
        return None
    key, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            key.append(s[i + 1])
            i += 2
            continue
        if c in "=: \t":
            break
        key.append(c)
        i += 1
    return "".join(key)


def admin_messages(version):
    """key -> raw line, as the server's keycloak.v2 admin theme resolves them (base, then keycloak.v2 over it)."""
    dist = zipfile.ZipFile(M2 / version / f"keycloak-quarkus-dist-{version}.zip")
    result = {}
    for jar, path in ((f"org.keycloak.keycloak-themes-{version}.jar", "theme/base/admin/messages/messages_en.properties"),
                      (f"org.keycloak.keycloak-admin-ui-{version}.jar", "theme/keycloak.v2/admin/messages/messages_en.properties")):
        inner = zipfile.ZipFile(io.BytesIO(dist.read(f"keycloak-{version}/lib/lib/main/{jar}")))
        for line in logical_lines(inner.read(path).decode("utf-8")):
            key = key_of(line)
            if key is not None:
                result[key] = line
    return result


def main(console, *older):
    newest = admin_messages(console)
    lacking = {}
    for version in older:
        known = admin_messages(version)
        for key in newest:
            if key not in known:
                lacking.setdefault(key, []).append(version)
    block = [BEGIN + f" {console} that an older server lacks (lines {', '.join(older)}),",
             "# written by themes/admin-ui/scripts/older-line-messages.py with that console's own English texts; a realm",
             "# overrides any of them as usual (Realm settings > Localization > Realm overrides). Do not edit by hand."]
    block += [newest[key] for key in newest if key in lacking]
    block.append(END)
    text = THEME_MESSAGES.read_text(encoding="utf-8")
    if BEGIN in text:
        text = text[:text.index(BEGIN)].rstrip("\n") + "\n"
    THEME_MESSAGES.write_text(text + "\n" + "\n".join(block) + "\n", encoding="utf-8")
    KEY_LIST.parent.mkdir(parents=True, exist_ok=True)
    KEY_LIST.write_text(f"# the admin message keys of Keycloak {console}'s console (older-line-messages.py)\n"
                        + "\n".join(sorted(newest)) + "\n", encoding="utf-8")
    print(f"{len(lacking)} keys of {console} lacking on {', '.join(older)}; {len(newest)} keys listed")


if __name__ == "__main__":
    main(*sys.argv[1:])
