import jwt


def current_user(token):
    # ruleid: jwt-verification-disabled
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]


def legacy_user(token, secret):
    # ruleid: jwt-verification-disabled
    return jwt.decode(token, secret, verify=False)


def accept_none(token, secret):
    # ruleid: jwt-verification-disabled
    return jwt.decode(token, secret, algorithms=["HS256", "none"])


NO_VERIFY = {"verify_signature": False, "verify_exp": False}


def debug_claims(token):
    # ruleid: jwt-verification-disabled
    return jwt.decode_complete(token, options=NO_VERIFY)["payload"]


def verified_user(token, public_key):
    # ok: jwt-verification-disabled
    return jwt.decode(token, public_key, algorithms=["RS256"], audience="my-api")


def key_id(token):
    # ok: jwt-verification-disabled
    return jwt.get_unverified_header(token)["kid"]


def ignore_expiry(token, secret):
    # ok: jwt-verification-disabled
    return jwt.decode(token, secret, algorithms=["HS256"], options={"verify_exp": False})


def explicit_on(token, secret):
    # ok: jwt-verification-disabled
    return jwt.decode(token, secret, algorithms=["HS256"], options={"verify_signature": True})


def issuer_then_verify(token, jwks_clients):
    # ok: jwt-verification-disabled
    unverified = jwt.decode(token, options={"verify_signature": False})
    key = jwks_clients[unverified["iss"]].get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], audience="my-api")


def decode_base64(data):
    # ok: jwt-verification-disabled
    return base64.b64decode(data, validate=False)
