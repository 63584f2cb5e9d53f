import uvicorn
from flask import Flask
from werkzeug.serving import run_simple

app = Flask(__name__)

if __name__ == "__main__":
    # ruleid: debug-server-on-all-interfaces
    app.run(host="0.0.0.0", port=5000, debug=True)


def serve_ipv6():
    # ruleid: debug-server-on-all-interfaces
    app.run(debug=True, host="::")


def serve_positional():
    # ruleid: debug-server-on-all-interfaces
    app.run("0.0.0.0", 8080, debug=True)


def serve_werkzeug():
    # ruleid: debug-server-on-all-interfaces
    run_simple("0.0.0.0", 5000, app, use_reloader=True, use_debugger=True)


def serve_local():
    # ok: debug-server-on-all-interfaces
    app.run(host="127.0.0.1", port=5000, debug=True)


def serve_container():
    # ok: debug-server-on-all-interfaces
    app.run(host="0.0.0.0", port=5000, debug=False)


def serve_reload():
    # ok: debug-server-on-all-interfaces
    run_simple("0.0.0.0", 5000, app, use_reloader=True)


def serve_asgi():
    # ok: debug-server-on-all-interfaces
    uvicorn.run("main:app", host="0.0.0.0", port=8000, reload=True)


def serve_env():
    # ok: debug-server-on-all-interfaces
    app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")
