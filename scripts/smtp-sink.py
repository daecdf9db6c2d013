#!/usr/bin/python3
"""A real SMTP server for Trygg's tests (Debian's python3-aiosmtpd), on loopback only.

    /usr/bin/python3 scripts/smtp-sink.py --dir DIR [--port 0]
        [--reject-rcpt ADDR ...] [--tempfail-first N] [--no-ehlo]

Listens on 127.0.0.1:PORT (0: a free port the OS picks) and, once listening,
writes the actual port to DIR/port (written to a temporary name and renamed, so
a reader never sees a partial number). Each accepted message is stored as
DIR/<seq>.eml (the raw message bytes as received, CRLF line endings, dots
un-stuffed) and DIR/<seq>.json ({"mail_from": ..., "rcpt_tos": [...]}); seq
counts from 1. The .json is written before the .eml, and the .eml appears by
rename, so a test that sees N.eml can read both.

--reject-rcpt ADDR  answers 550 to RCPT TO:<ADDR> (repeatable).
--tempfail-first N  answers 451 to the first N DATA commands, then accepts.
--no-ehlo           answers 502 to EHLO, like a server that only knows HELO.

Exits with status 0 on SIGTERM or SIGINT.
"""

import argparse
import asyncio
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


class SinkHandler:
    def __init__(self, directory, reject_rcpt, tempfail_first, no_ehlo):
        self.directory = directory
        self.no_ehlo = no_ehlo
        self.reject_rcpt = {a.lower() for a in reject_rcpt}
        self.tempfail_left = tempfail_first
        self.seq = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        if self.no_ehlo:
            return ["502 5.5.1 EHLO not implemented"]
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject_rcpt:
            # Worded like Postfix, which echoes the address back.
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.tempfail_left > 0:
            self.tempfail_left -= 1
            return "451 4.3.0 Temporary failure, try again later"
        self.seq += 1
        base = os.path.join(self.directory, str(self.seq))
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}
        write_atomically(base + ".json", json.dumps(meta).encode("utf-8"))
        write_atomically(base + ".eml", envelope.original_content)
        return "250 2.0.0 Stored as %d" % self.seq


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


async def serve(args):
    loop = asyncio.get_running_loop()
    handler = SinkHandler(args.dir, args.reject_rcpt, args.tempfail_first, args.no_ehlo)

    def factory():
        # hostname given so aiosmtpd does not look up the FQDN (no DNS here).
        return SMTP(handler, hostname="trygg-smtp-sink", ident="trygg smtp-sink", loop=loop)

    server = await loop.create_server(factory, host="127.0.0.1", port=args.port)
    port = server.sockets[0].getsockname()[1]
    write_atomically(os.path.join(args.dir, "port"), ("%d\n" % port).encode("ascii"))

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description="SMTP sink for Trygg's tests")
    parser.add_argument("--dir", required=True, help="where the port file and messages go")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 = any free")
    parser.add_argument("--reject-rcpt", action="append", default=[], metavar="ADDR",
                        help="answer 550 to RCPT TO this address (repeatable)")
    parser.add_argument("--tempfail-first", type=int, default=0, metavar="N",
                        help="answer 451 to the first N DATA commands")
    parser.add_argument("--no-ehlo", action="store_true", help="answer 502 to EHLO")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
