import os

import uvicorn
from flask import Flask
from werkzeug.serving import run_simple

app = Flask(__name__)
# ruleid: debug-mode-enabled
app.config["DEBUG"] = True

# ruleid: debug-mode-enabled
app.debug = True


def create_app():
    application = Flask(__name__)
    # ruleid: debug-mode-enabled
    application.config.update(DEBUG=True, TESTING=False)
    return application


def serve():
    # ruleid: debug-mode-enabled
    app.run(port=5000, debug=True)


def serve_werkzeug():
    # ruleid: debug-mode-enabled
    run_simple("localhost", 5000, app, use_debugger=True)


# Django settings (this module also defines INSTALLED_APPS and ALLOWED_HOSTS).
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# ruleid: debug-mode-enabled
DEBUG = True

ALLOWED_HOSTS = ["example.com"]
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth"]

# ok: debug-mode-enabled
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"


def serve_all_interfaces():
    # ok: debug-mode-enabled
    app.run(host="0.0.0.0", port=5000, debug=True)


def serve_quiet():
    # ok: debug-mode-enabled
    app.run(port=5000, debug=False)


def serve_env():
    # ok: debug-mode-enabled
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")


def toggle(logger):
    # ok: debug-mode-enabled
    logger.debug = True


# ok: debug-mode-enabled
app.config["TESTING"] = True


def serve_asgi():
    # ok: debug-mode-enabled
    uvicorn.run("main:app", port=8000, reload=True)


def enable_debug_locally(settings):
    # ok: debug-mode-enabled
    DEBUG = True
    return settings


class DevelopmentConfig:
    # ok: debug-mode-enabled
    DEBUG = True
