import os

import openai
import psycopg2
from transformers import AutoTokenizer

# ruleid: hardcoded-secret
client = openai.OpenAI(api_key="sk-proj-3Fq9xLm2Zr8Tn4Vb0Kc9Wd3Fy6Hj")

# ruleid: hardcoded-secret
GITHUB_TOKEN = "ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz"

# ruleid: hardcoded-secret
SECRET_KEY = "django-insecure-5h@7k#2m!q9x$w3&z8v*b1n^c4r6t0y"

# ruleid: hardcoded-secret
conn = psycopg2.connect(host="db", user="app", password="Tr0ub4dor&3xQz")

# ruleid: hardcoded-secret
HEADERS = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.k3Jd9Fq2mXvL8pR0t"}


class Settings:
    def __init__(self):
        # ruleid: hardcoded-secret
        self.slack_token = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"


# ruleid: hardcoded-secret
def connect(user, db_password="P@ssw0rd!2024x"):
    return psycopg2.connect(user=user, password=db_password)


config = {}
# ruleid: hardcoded-secret
config["client_secret"] = "9fK2xQ7mZ1vB8nL3cR6tY0wE4hJ5gP"

# The name check is case-insensitive, and (?i) also equates the long s (U+017F) with s and
# the Kelvin sign (U+212A) with k; these keep the rule's prefilter regex honest about that.
# ruleid: hardcoded-secret
db_paſsword = "Zx81Qm2Lr7Tn4Vb0Kc9Wd3Fy6Hj5"
# ruleid: hardcoded-secret
ſecret = "Zx81Qm2Lr7Tn4Vb0Kc9Wd3Fy6Hj6"
# ruleid: hardcoded-secret
api_toKen = "Zx81Qm2Lr7Tn4Vb0Kc9Wd3Fy6Hj7"

# ok: hardcoded-secret
api_key = os.environ["OPENAI_API_KEY"]

# ok: hardcoded-secret
db_password = os.getenv("DB_PASSWORD", "")

# ok: hardcoded-secret
password = ""

# ok: hardcoded-secret
DB_PASSWORD = "changeme"

# ok: hardcoded-secret
OPENAI_API_KEY = "your-api-key-here"

# ok: hardcoded-secret
secret = "${VAULT_SECRET_VALUE}"

# ok: hardcoded-secret
token = "{{ secrets.DEPLOY_TOKEN_VALUE }}"

# ok: hardcoded-secret
TOKEN_URL = "https://oauth2.googleapis.com/token"

# ok: hardcoded-secret
password_field = "x9Kq2LmZ7vB1nR8c"

# ok: hardcoded-secret
secret_name = "prod/payments/stripe-api-key-7Hq2"

# ok: hardcoded-secret
TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt"

# ok: hardcoded-secret
auth = "my-super-secret-password"

# ok: hardcoded-secret
tokenizer = AutoTokenizer.from_pretrained("gpt2", eos_token="<|endoftext|>", pad_token="<|padding|>")

# ok: hardcoded-secret
api_key = "OPENAI_API_KEY_PROD"

# ok: hardcoded-secret
DEFAULT_AUTH = "rest_framework.authentication.TokenAuthentication"

# ok: hardcoded-secret
pwd = "/home/deploy/app/current"

# ok: hardcoded-secret
STRIPE_SECRET = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"

# ok: hardcoded-secret
secret_key = "<insert-secret-key>"

# ok: hardcoded-secret
aws_secret_access_key = "k3Jd9Fq/2mXvL8pR0tYzB7nWcE5hG1sA4uQ6iO+P"

# ok: hardcoded-secret
SERVER_AUTH = "1.3.6.1.5.5.7.3.1"
