"""cloud-init reads the wizard's user data (tests/assistant.rs).

    /usr/bin/python3 user_data_check.py FILE.yaml...

For each FILE: the first line is `#cloud-config`; cloud-init's YAML loader
reads it; cloud-init's own schema validates it (strict: an unknown key or a
wrong type fails); `runcmd` is `[[sh, DIR/wait.sh]]`; every `write_files`
entry is decoded as cloud-init's write_files module decodes it (its
`extract_contents` and `canonicalize_extraction`, so `gz+b64` too) and
written beside FILE as FILE-stem.wait.sh and FILE-stem.script.sh. Prints
one line per problem and exits 1 when there was any.
"""
import os
import sys

from cloudinit import util
from cloudinit.config.cc_write_files import canonicalize_extraction, extract_contents
from cloudinit.config.schema import SchemaValidationError, get_schema, validate_cloudconfig_schema

DIR = "/var/lib/cloud/secondary-ip-wizard"


def main():
    schema = get_schema()
    bad = []
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            raw = f.read()
        if not raw.startswith(b"#cloud-config\n"):
            bad.append("%s: not #cloud-config" % path)
            continue
        cfg = util.load_yaml(raw.decode("utf-8"))
        if not isinstance(cfg, dict):
            bad.append("%s: cloud-init's loader read no mapping" % path)
            continue
        try:
            validate_cloudconfig_schema(cfg, schema, strict=True, log_details=True)
        except SchemaValidationError as e:
            bad.append("%s: schema: %s" % (path, e))
        if cfg.get("runcmd") != [["sh", DIR + "/wait.sh"]]:
            bad.append("%s: runcmd is %r" % (path, cfg.get("runcmd")))
        stem = os.path.splitext(path)[0]
        names = []
        for entry in cfg.get("write_files", []):
            name = os.path.basename(entry["path"])
            names.append(name)
            if entry.get("permissions") != "0700":
                bad.append("%s: %s permissions %r" % (path, name, entry.get("permissions")))
            data = extract_contents(entry.get("content", ""), canonicalize_extraction(entry.get("encoding")))
            if isinstance(data, str):
                data = data.encode("utf-8")
            with open("%s.%s" % (stem, name), "wb") as out:
                out.write(data)
        if names != ["wait.sh", "script.sh"]:
            bad.append("%s: write_files writes %r" % (path, names))
    for b in bad:
        print(b)
    sys.exit(1 if bad else 0)


main()
