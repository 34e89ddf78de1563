"""Reads .eml drafts with Python's standard email package, as an independent reader would.

Usage: check_eml.py OUT_DIR FILE...  Prints one JSON object per file (a list); writes each
attachment, decoded, into OUT_DIR so the Go test can look inside it (pdftotext).
"""
import email
import email.policy
from email.header import decode_header, make_header
from email.utils import getaddresses
import hashlib
import json
import os
import sys

policy = email.policy.default.clone(raise_on_defect=True)
out_dir = sys.argv[1]
result = []


def names(raw_msg, header):
    """Addresses with their names decoded per RFC 2047 section 6.2, which the email package's
    legacy API follows: the newer one puts a space where a long name was split in two
    encoded-words."""
    return [[str(make_header(decode_header(n))), a] for n, a in getaddresses(raw_msg.get_all(header, []))]


for n, path in enumerate(sys.argv[2:]):
    raw = open(path, "rb").read()
    head = raw.split(b"\r\n\r\n", 1)[0]
    msg = email.message_from_bytes(raw, policy=policy)
    raw_msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    item = {
        "file": os.path.basename(path),
        "crlf": b"\n" not in raw.replace(b"\r\n", b""),
        "header_ascii": all(b < 128 for b in head),
        "longest_header_line": max(len(l) for l in head.split(b"\r\n")),
        "subject": str(msg["Subject"]),
        "x_unsent": msg["X-Unsent"],
        "date": msg["Date"] is not None and msg["Date"].datetime is not None,
        "from": names(raw_msg, "From"),
        "to": names(raw_msg, "To"),
        "cc": names(raw_msg, "Cc"),
        "addresses": [a.addr_spec for h in ("From", "To", "Cc") if msg[h] for a in msg[h].addresses],
        "content_type": msg.get_content_type(),
        "defects": [str(d) for p in msg.walk() for d in p.defects],
        "body": msg.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n"),
        "attachments": [],
    }
    for i, part in enumerate(msg.iter_attachments()):
        data = part.get_payload(decode=True)
        keep = os.path.join(out_dir, "%d-%d" % (n, i))
        with open(keep, "wb") as f:
            f.write(data)
        item["attachments"].append({
            "name": part.get_filename(),
            "type": part.get_content_type(),
            "method": part.get_param("method"),
            "encoding": part["Content-Transfer-Encoding"],
            "sha256": hashlib.sha256(data).hexdigest(),
            "saved": keep,
        })
    result.append(item)
json.dump(result, sys.stdout, ensure_ascii=False)
