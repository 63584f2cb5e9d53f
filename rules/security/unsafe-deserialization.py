import marshal
import os
import pathlib
import pickle
import shelve
import socket
import sys
import urllib.request

import dill
import requests
from flask import Flask, request

app = Flask(__name__)


@app.post("/predict")
def predict():
    # ruleid: unsafe-deserialization
    features = pickle.loads(request.data)
    return {"n": len(features)}


@app.post("/upload")
def upload():
    blob = request.files["model"].read()
    # ruleid: unsafe-deserialization
    model = dill.loads(blob)
    return {"ok": model is not None}


def django_view(request):
    # ruleid: unsafe-deserialization
    state = pickle.loads(request.body)
    return state


def serve(port):
    sock = socket.socket()
    sock.bind(("127.0.0.1", port))
    conn, _ = sock.accept()
    payload = conn.recv(65536)
    # ruleid: unsafe-deserialization
    return pickle.loads(payload)


def fetch_model(url):
    response = requests.get(url, timeout=30)
    # ruleid: unsafe-deserialization
    return pickle.loads(response.content)


def fetch_code(url):
    data = urllib.request.urlopen(url).read()
    # ruleid: unsafe-deserialization
    return marshal.loads(data)


def load_checkpoint(path):
    with open(path, "rb") as handle:
        # ruleid: unsafe-deserialization
        return pickle.load(handle)


def load_state(state_file):
    path = pathlib.Path(state_file)
    with path.open("rb") as handle:
        # ruleid: unsafe-deserialization
        return pickle.load(handle)


def main():
    # ruleid: unsafe-deserialization
    db = shelve.open(sys.argv[1])
    return db


def from_env():
    # ruleid: unsafe-deserialization
    return pickle.loads(bytes.fromhex(os.environ["STATE"]))


def copy_object(obj):
    # ok: unsafe-deserialization
    return pickle.loads(pickle.dumps(obj))


def roundtrip(path, obj):
    with open(path, "wb") as handle:
        pickle.dump(obj, handle)
    with open(path, "rb") as handle:
        # ok: unsafe-deserialization
        return pickle.load(handle)


def load_bundled():
    with open("model.pkl", "rb") as handle:
        # ok: unsafe-deserialization
        return pickle.load(handle)


@app.post("/json")
def json_view():
    # ok: unsafe-deserialization
    return json.loads(request.data)


def send(sock, obj):
    # ok: unsafe-deserialization
    sock.sendall(pickle.dumps(obj))


def local_cache():
    # ok: unsafe-deserialization
    return shelve.open("cache.db")


def clone_from_request():
    item = request.get_json()
    # ok: unsafe-deserialization
    return pickle.loads(pickle.dumps(item))


def read_config(path):
    with open(path) as handle:
        # ok: unsafe-deserialization
        return json.load(handle)


def restore(args):
    # ok: unsafe-deserialization
    return pickle.loads(args.cached_bytes)


def cached(path, compute):
    if os.path.exists(path):
        with open(path, "rb") as handle:
            # ok: unsafe-deserialization
            return pickle.load(handle)
    result = compute()
    with open(path, "wb") as handle:
        pickle.dump(result, handle)
    return result


MODEL_PATH = os.path.join(os.path.dirname(__file__), "model.pkl")


def load_default_model():
    with open(MODEL_PATH, "rb") as handle:
        # ok: unsafe-deserialization
        return pickle.load(handle)


def load_vocab():
    vocab_path = os.path.join(os.path.dirname(__file__), "vocab.pkl")
    with open(vocab_path, "rb") as handle:
        # ok: unsafe-deserialization
        return pickle.load(handle)
