import paramiko

# ruleid: hardcoded-private-key
SIGNING_KEY = """-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIGuH0bWvTkR3hJ5pN2dYc8sQeF1zXa9LmKo4VtUiP7gRoAoGCCqGSM49
AwEHoUQDQgAE0e3r7Zy1XJb2Qh6W8mKcV9sLtP4nGdA5oF0uEiH2jYk3MqR8bTwS
-----END EC PRIVATE KEY-----"""

# ruleid: hardcoded-private-key
RSA_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAv1a9W8Xk2L4mQ7nR0tYzB3cD5eF6gH8iJ9kL0mN1oP2qR3sT\n-----END RSA PRIVATE KEY-----\n"

# ruleid: hardcoded-private-key
DEPLOY_KEY = b"""-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACBq3Lp1m2N4o5P6q7R8s9T0u1V2w3X4y5Z6a7B8c9D0eQAAAJgAAAAAAAAA
-----END OPENSSH PRIVATE KEY-----"""


def connect(host):
    # ruleid: hardcoded-private-key
    pem = "-----BEGIN PRIVATE KEY-----\n" "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n" "-----END PRIVATE KEY-----\n"
    return paramiko.RSAKey.from_private_key(io.StringIO(pem))


CLIENT_KEY = (
    # ruleid: hardcoded-private-key
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
    "-----END PRIVATE KEY-----\n"
)

# ok: hardcoded-private-key
PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE0e3r7Zy1XJb2Qh6W8mKcV9sLtP4nGdA5
oF0uEiH2jYk3MqR8bTwSxYz1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789==
-----END PUBLIC KEY-----"""

# ok: hardcoded-private-key
CA_CERT = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n"

# ok: hardcoded-private-key
PEM_HEADER = "-----BEGIN RSA PRIVATE KEY-----"


def looks_like_key(text):
    # ok: hardcoded-private-key
    return text.startswith("-----BEGIN PRIVATE KEY-----") and "-----END PRIVATE KEY-----" in text


# ok: hardcoded-private-key
TEMPLATE = "-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n"
