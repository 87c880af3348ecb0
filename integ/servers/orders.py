# Internal test service of integ.shop.ts (python:3-alpine, stdlib only): 200 "orders ok" on every path.
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        data = b'orders ok'
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

ThreadingHTTPServer(('', int(os.environ.get('PORT', '8080'))), Handler).serve_forever()
