# Public test service of integ.shop.ts (python:3-alpine, stdlib only).
#   /shop/          200 {"service": "web"}
#   /shop/orders    calls $ORDERS_URL (the Service Connect alias) and reports what it answered
#   /shop/secret    length and SHA-256 of $API_TOKEN (an ECS secret), never the value itself
import hashlib, json, os, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.rstrip('/').endswith('/orders'):
            url = os.environ.get('ORDERS_URL', '')
            try:
                with urllib.request.urlopen(url + '/', timeout=5) as r:
                    body = {'ordersUrl': url, 'ordersStatus': r.status, 'ordersBody': r.read().decode()}
            except Exception as e:
                body = {'ordersUrl': url, 'error': str(e)}
        elif self.path.rstrip('/').endswith('/secret'):
            value = os.environ.get('API_TOKEN', '').encode()
            body = {'length': len(value), 'sha256': hashlib.sha256(value).hexdigest()}
        else:
            body = {'service': 'web'}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

ThreadingHTTPServer(('', int(os.environ.get('PORT', '8080'))), Handler).serve_forever()
