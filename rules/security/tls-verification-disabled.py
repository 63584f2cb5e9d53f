import ssl
import urllib.request

import httpx
import requests
import urllib3

# ruleid: tls-verification-disabled
requests.get("https://internal.example.com/health", verify=False, timeout=5)

# ruleid: tls-verification-disabled
requests.request("POST", url, json=payload, verify=False)

session = requests.Session()
# ruleid: tls-verification-disabled
session.verify = False

# ruleid: tls-verification-disabled
session.post(url, data=body, verify=False)


class ApiClient:
    def __init__(self):
        self.session = requests.Session()
        # ruleid: tls-verification-disabled
        self.session.verify = False


# ruleid: tls-verification-disabled
client = httpx.Client(base_url="https://api.internal", verify=False)


async def fetch(url):
    # ruleid: tls-verification-disabled
    async with httpx.AsyncClient(verify=False) as client:
        return await client.get(url)


# ruleid: tls-verification-disabled
context = ssl._create_unverified_context()

# ruleid: tls-verification-disabled
ssl._create_default_https_context = ssl._create_unverified_context

ctx = ssl.create_default_context()
ctx.check_hostname = False
# ruleid: tls-verification-disabled
ctx.verify_mode = ssl.CERT_NONE

http = requests.session()
# ruleid: tls-verification-disabled
http.get(url, verify=False)

s = requests.Session()
# ruleid: tls-verification-disabled
s.verify = False

# ok: tls-verification-disabled
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

# ok: tls-verification-disabled
requests.get("https://internal.example.com/health", verify="/etc/ssl/certs/ca.pem", timeout=5)

# ok: tls-verification-disabled
requests.get(url, verify=settings.VERIFY_TLS)

# ok: tls-verification-disabled
session.verify = "/etc/ssl/certs/ca.pem"

# ok: tls-verification-disabled
httpx.get(url, follow_redirects=False)

# ok: tls-verification-disabled
model.verify = False

# ok: tls-verification-disabled
validator.check(data, verify=False)

# ok: tls-verification-disabled
ctx.verify_mode = ssl.CERT_REQUIRED

# ok: tls-verification-disabled
urllib.request.urlopen(url, context=ssl.create_default_context())

# ok: tls-verification-disabled
requests.get(url, verify=True, stream=False)

# ok: tls-verification-disabled
transport = httpx.AsyncClient(verify=ssl.create_default_context(cafile="/etc/ssl/certs/ca.pem"))

# ok: tls-verification-disabled
config.verify = False

# ok: tls-verification-disabled
signature_check = jws.verify(token, key, verify=False)
