"""A fake ECS metadata server for the doctor's tests (tests/doctor.rs) and
nm-cloud-setup's booted proof (tests/booted.rs).

    python3 metadata_server.py CONFIG.json PORT_FILE [PORT [HOST]]

CONFIG.json: {"paths": {"/latest/meta-data/mac": "00:16:3e:...", ...},
"tokens": "optional" | "required" | "unknown", "token": "..."}; any path
may be served, e.g. the ones nm-cloud-setup's Aliyun provider reads
(/2016-01-01/meta-data/network/interfaces/macs/MAC/private-ipv4s, ...).
It is read again for every request, so a test changes the metadata by
rewriting the file. It binds HOST (default 127.0.0.1) on PORT (default: a free port) in
the network namespace it is started in, writes the port to PORT_FILE once
it listens, and serves until killed:

- PUT /latest/api/token with the TTL header: the token ("unknown": 405);
- GET of a path in "paths": its text; other paths: 404;
- "required" (hardened mode, HttpTokens=required): a GET without the
  token header gets 403.

Every request is logged to stderr (method, path, whether the token came).
"""
import http.server
import json
import os
import sys

TTL = "X-aliyun-ecs-metadata-token-ttl-seconds"
TOKEN = "X-aliyun-ecs-metadata-token"


def main():
    def config():
        with open(sys.argv[1]) as f:
            c = json.load(f)
        return c["paths"], c.get("tokens", "optional"), c.get("token", "tok")

    class Handler(http.server.BaseHTTPRequestHandler):
        def reply(self, status, body):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_PUT(self):
            _, tokens, token = config()
            if self.path == "/latest/api/token" and tokens != "unknown" and self.headers.get(TTL):
                self.reply(200, token)
            else:
                self.reply(405, "no")

        def do_GET(self):
            paths, tokens, token = config()
            if tokens == "required" and self.headers.get(TOKEN) != token:
                self.reply(403, "token required")
            elif self.path in paths:
                self.reply(200, paths[self.path])
            else:
                self.reply(404, "not found")

        def log_message(self, fmt, *args):
            token = config()[2]
            sys.stderr.write("%s %s token=%s\n" % (self.command, self.path, self.headers.get(TOKEN) == token))

    port = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    host = sys.argv[4] if len(sys.argv) > 4 else "127.0.0.1"
    server = http.server.HTTPServer((host, port), Handler)
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, sys.argv[2])
    server.serve_forever()


main()
