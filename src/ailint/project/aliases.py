"""Which import names a distribution provides, when its metadata is not installed to say so.

A distribution installed in the project's environment names its modules in its metadata
(:mod:`ailint.project.installed`). A declared dependency that is not installed (a lint-only
CI job, a fresh clone) is matched by name: :data:`ALIASES` holds the common cases where the
import name differs from the distribution name, and :func:`import_names` adds the
mechanical variants (``my-pkg`` gives ``my_pkg``, ``google-cloud-storage`` gives
``google.cloud.storage``). The variants are generous on purpose: a declared dependency
wrongly credited with a module only hides a finding, a missing variant invents one.

:data:`WELL_KNOWN` lists import names of widely used packages: a name there exists on PyPI,
so it is never reported as invented even when neither declared nor installed.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

# Normalised distribution name (PEP 503) -> the import names it provides (dotted for
# namespace packages), where they differ from the name itself.
ALIASES: Mapping[str, tuple[str, ...]] = {
    # data formats and parsing
    "pyyaml": ("yaml", "_yaml"),
    "ruamel-yaml": ("ruamel.yaml",),
    "beautifulsoup4": ("bs4",),
    "python-dateutil": ("dateutil",),
    "python-dotenv": ("dotenv",),
    "python-magic": ("magic",),
    "python-docx": ("docx",),
    "python-pptx": ("pptx",),
    "python-multipart": ("multipart", "python_multipart"),
    "python-slugify": ("slugify",),
    "python-json-logger": ("pythonjsonlogger",),
    "python-levenshtein": ("Levenshtein",),
    "levenshtein": ("Levenshtein",),
    "python-rapidjson": ("rapidjson",),
    "python-snappy": ("snappy",),
    "python-box": ("box",),
    "msgpack-python": ("msgpack",),
    "pymupdf": ("fitz", "pymupdf"),
    "pdfminer-six": ("pdfminer",),
    "fpdf2": ("fpdf",),
    "camelot-py": ("camelot",),
    "tabula-py": ("tabula",),
    "netcdf4": ("netCDF4",),
    "pyshp": ("shapefile",),
    "gdal": ("osgeo",),
    "protobuf": ("google.protobuf",),
    # images, media, devices
    "pillow": ("PIL",),
    "opencv-python": ("cv2",),
    "opencv-python-headless": ("cv2",),
    "opencv-contrib-python": ("cv2",),
    "opencv-contrib-python-headless": ("cv2",),
    "scikit-image": ("skimage",),
    "pywavelets": ("pywt",),
    "pycairo": ("cairo",),
    "pygobject": ("gi",),
    "pyopengl": ("OpenGL",),
    "wxpython": ("wx",),
    "ffmpeg-python": ("ffmpeg",),
    "speechrecognition": ("speech_recognition",),
    "pyserial": ("serial",),
    "pyusb": ("usb",),
    "pyaudio": ("pyaudio",),
    # science and machine learning
    "scikit-learn": ("sklearn",),
    "tensorflow-cpu": ("tensorflow",),
    "tensorflow-gpu": ("tensorflow",),
    "tensorflow-intel": ("tensorflow",),
    "tf-nightly": ("tensorflow",),
    "faiss-cpu": ("faiss",),
    "faiss-gpu": ("faiss",),
    "pinecone-client": ("pinecone",),
    "weaviate-client": ("weaviate",),
    "cython": ("Cython", "cython", "pyximport"),
    "matplotlib": ("matplotlib", "mpl_toolkits", "pylab"),
    "ipython": ("IPython",),
    "google-generativeai": ("google.generativeai",),
    "google-genai": ("google.genai",),
    # security and networking
    "pyjwt": ("jwt",),
    "python-jose": ("jose",),
    "pycryptodome": ("Crypto",),
    "pycryptodomex": ("Cryptodome",),
    "pyopenssl": ("OpenSSL",),
    "pynacl": ("nacl",),
    "argon2-cffi": ("argon2",),
    "python-gnupg": ("gnupg",),
    "python-ldap": ("ldap", "ldif", "slapdtest"),
    "python-keycloak": ("keycloak",),
    "dnspython": ("dns",),
    "pysocks": ("socks", "sockshandler"),
    "websocket-client": ("websocket",),
    "pyzmq": ("zmq",),
    "paho-mqtt": ("paho.mqtt",),
    "python-socketio": ("socketio",),
    "python-engineio": ("engineio",),
    "python-telegram-bot": ("telegram",),
    "pyvmomi": ("pyVmomi", "pyVim", "vmware"),
    "cffi": ("cffi", "_cffi_backend"),
    # databases and services
    "mysqlclient": ("MySQLdb",),
    "mysql-connector-python": ("mysql.connector", "mysql"),
    "psycopg2-binary": ("psycopg2",),
    "psycopg-binary": ("psycopg",),
    "cx-oracle": ("cx_Oracle",),
    "pymongo": ("pymongo", "bson", "gridfs"),
    "kafka-python": ("kafka",),
    "opensearch-py": ("opensearchpy",),
    "python-consul": ("consul",),
    "python-memcached": ("memcache",),
    "tortoise-orm": ("tortoise",),
    "peewee": ("peewee", "playhouse", "pwiz"),
    "google-api-python-client": ("googleapiclient", "apiclient"),
    "google-api-core": ("google.api_core",),
    "google-auth": ("google.auth", "google.oauth2"),
    "google-cloud-core": ("google.cloud.client", "google.cloud.exceptions", "google.cloud.environment_vars"),
    "google-cloud-aiplatform": ("google.cloud.aiplatform", "vertexai"),
    "google-resumable-media": ("google.resumable_media",),
    "google-crc32c": ("google_crc32c",),
    "googleapis-common-protos": ("google.api", "google.rpc", "google.type", "google.longrunning", "google.logging"),
    "grpcio": ("grpc",),
    "grpcio-tools": ("grpc_tools",),
    "grpcio-status": ("grpc_status",),
    "grpcio-health-checking": ("grpc_health",),
    "grpcio-reflection": ("grpc_reflection",),
    "opentelemetry-api": ("opentelemetry",),
    "ansible-core": ("ansible",),
    "pywin32": (
        "win32api", "win32con", "win32com", "win32gui", "win32file", "win32event", "win32process",
        "win32service", "win32serviceutil", "win32clipboard", "win32pipe", "win32security", "win32print",
        "win32ui", "win32timezone", "win32crypt", "win32net", "win32pdh", "win32job", "win32ts",
        "winerror", "pythoncom", "pywintypes", "win32",
    ),
    "pyinstaller": ("PyInstaller",),
    "py-cpuinfo": ("cpuinfo",),
    # web frameworks and their plugins
    "djangorestframework": ("rest_framework",),
    "djangorestframework-simplejwt": ("rest_framework_simplejwt",),
    "django-cors-headers": ("corsheaders",),
    "django-filter": ("django_filters",),
    "django-environ": ("environ",),
    "django-storages": ("storages",),
    "django-debug-toolbar": ("debug_toolbar",),
    "django-crispy-forms": ("crispy_forms",),
    "django-allauth": ("allauth",),
    "django-rq": ("django_rq",),
    "flask-restx": ("flask_restx",),
    # tooling
    "gitpython": ("git",),
    "setuptools": ("setuptools", "pkg_resources", "_distutils_hack", "distutils"),
    "factory-boy": ("factory",),
    "pytest": ("pytest", "_pytest", "py"),
    "attrs": ("attr", "attrs"),
    "future": ("future", "past", "libfuturize", "libpasteurize"),
    "pyyaml-include": ("yamlinclude",),
    "typing-extensions": ("typing_extensions",),
    "mypy": ("mypy", "mypyc"),
    "jaraco-functools": ("jaraco.functools",),
}

# Families whose distributions are portions of one namespace package: the dashes of the
# name become dots of the import (``azure-storage-blob`` gives ``azure.storage.blob``).
_NAMESPACE_FAMILIES = (
    "google-cloud-",
    "google-",
    "azure-",
    "opentelemetry-",
    "backports-",
    "zope-",
    "jaraco-",
    "sphinxcontrib-",
    "ruamel-",
    "paho-",
    "oslo-",
    "plone-",
    "collective-",
    "flufl-",
    "repoze-",
)

_PREFIXES = ("python-", "py-", "py")
_SUFFIXES = ("-python", "-py", "-binary", "-client", "-sdk", "-headless", "-lite")
_NORMALISE = re.compile(r"[-_.]+")
# google-cloud-pubsub is imported as google.cloud.pubsub_v1, google-cloud-vision as vision_v1p3beta1.
_API_VERSION = re.compile(r"_v\d+(?:p\d+)?(?:alpha\d*|beta\d*)?$")

# Import names of widely used packages (besides every name in ALIASES): they exist on PyPI,
# so an import of one is never reported as invented, declared and installed or not.
WELL_KNOWN: frozenset[str] = frozenset(
    """
    adlfs aio_pika aiobotocore aiofiles aiohttp aiomysql aiopg aioredis aiosqlite albumentations
    alembic alive_progress altair amqp anthropic anyio apscheduler arrow asgiref astroid astropy
    async_timeout asyncpg asynctest atheris attr authlib autopep8 av aws_cdk aws_lambda_powertools
    awscli babel bcrypt beartype betamax billiard birdseye black blake3 bleach blinker bokeh boto
    boto3 botocore bottle bottleneck bpython branca brotli build cachetools cassandra catboost cbor2
    cdktf celery cerberus certifi cftime chameleon chardet charset_normalizer cherrypy chromadb
    click clickhouse_driver cloudpickle cohere colorama coloredlogs colorlog comtypes configobj
    confluent_kafka constructs coreapi coverage croniter cryptography cssselect cupy customtkinter
    cx_Oracle dash dask databases dataclasses_json datasets dateparser dearpygui debugpy decorator
    decouple deepdiff defusedxml deprecated diffusers dill diskcache distributed distro django
    django_extensions docker docopt docutils dotenv dpkt dramatiq duckdb dynaconf easyocr einops
    elasticsearch elasticsearch_dsl email_validator emoji environ environs evaluate eventlet fabric
    faker falcon fastapi fastjsonschema fastparquet fasttext feedparser filelock fire firebase_admin
    flake8 flask flask_caching flask_cors flask_jwt_extended flask_limiter flask_login flask_mail
    flask_marshmallow flask_migrate flask_restful flask_socketio flask_sqlalchemy flask_wtf flax
    flit flit_core folium freezegun fsspec gcsfs gensim geoip2 geopandas gevent gi git gitdb gradio
    graphene graphql graphviz greenlet groq grpc gssapi gtts gunicorn guppy h11 h2 h5netcdf h5py
    hatchling haystack holoviews hpack html5lib httpcore httplib2 httpx huey huggingface_hub
    humanize hvac hvplot hydra hypercorn hyperframe hypothesis hypothesmith icecream idna igraph
    imagehash imageio importlib_metadata importlib_resources inflect influxdb influxdb_client
    iniconfig inquirer invoke ipdb ipykernel ipywidgets isort itsdangerous jax jaxlib jedi jinja2
    jmespath joblib jsonpatch jsonpickle jsonpointer jsonref jsonschema jupyter jupyter_client
    jupyter_core keras keyring kivy kombu kubernetes langchain langchain_anthropic
    langchain_community langchain_core langchain_openai langdetect ldap3 librosa lightgbm lightning
    line_profiler litellm llama_index llvmlite loguru lxml lxml_html_clean lz4 mako markdown
    markdown2 markdown_it markdownify markupsafe marshmallow matplotlib mccabe memory_profiler
    mimesis mistralai mistune mlflow mmh3 mock more_itertools moto motor moviepy mpmath msal msgpack
    multidict mutagen mypy mypy_extensions myst_parser nats nbclient nbconvert nbformat ncclient
    neo4j nest_asyncio netmiko networkx nicegui nltk nose nose2 notebook nox numba numcodecs numexpr
    numpy nvidia oauthlib objgraph ollama omegaconf onnx onnxruntime openai openpyxl openvino optax
    optuna oracledb orjson outcome packaging paho pandas panel papermill param paramiko
    parsedatetime parsel parso passlib pathspec patsy pdbpp pdm peft pendulum pexpect phonenumbers
    piccolo pika pinecone pip pip_audit platformdirs playhouse playwright plotly pluggy plumbum ply
    poetry polars pony portalocker praw prettytable prometheus_client prompt_toolkit psutil psycopg
    psycopg2 psycopg_pool ptyprocess pudb pulumi py2neo py_spy pyarrow pyasn1 pyautogui pybind11
    pycodestyle pycountry pycparser pycuda pydantic pydantic_core pydantic_settings pydeck pydevd
    pydocstyle pydot pydub pyexcel pyflakes pygame pyglet pygments pygraphviz pyinstrument pylibmc
    pylint pymemcache pymongo pympler pymssql pymysql pynput pynvml pyodbc pyodide pyparsing pypdf
    PyPDF2 pyperclip pyperf pyproj pyqt5 PyQt5 PyQt6 pyramid pyright pyshark PySide2 PySide6 pyspark
    pytesseract pytest pytest_asyncio pytest_benchmark pytest_cov pytest_django pytest_httpx
    pytest_mock pytest_timeout pytest_xdist pyttsx3 pytweening pytz pyupgrade pyvista pywatchman
    pyzbar qdrant_client qrcode quart questionary rasterio ray readability redis redis_om regex
    reportlab requests requests_kerberos requests_mock requests_ntlm requests_oauthlib
    requests_toolbelt responses respx retry rich rope rq rsa ruamel ruff s3fs s3transfer safetensors
    safety salt sanic scapy schedule schema scipy scrapy seaborn secretstorage selenium sendgrid
    sentence_transformers sentencepiece sentry_sdk setuptools setuptools_scm sh shapely shiboken2
    shiboken6 shodan simplejson sip six sklearn skyfield slack_bolt slack_sdk smart_open sniffio
    snoop snowflake sortedcontainers sounddevice soundfile soupsieve spacy sphinx sphinx_gallery
    sphinx_rtd_theme sqlalchemy sqlite_utils sqlmodel sqlparse starlette statsmodels streamlit
    stripe structlog suds sympy tabulate tblib tenacity tensorboard tensorflow tensorflow_datasets
    tensorflow_hub tensorflow_probability termcolor textblob texttable textual thrift tiktoken timm
    tldextract toml tomli tomlkit toolz torch torch_geometric torchaudio torchmetrics torchtext
    torchvision tornado tox tqdm traitlets transformers trimesh trio triton trl troposphere
    ttkbootstrap tweepy twilio twine typeguard typer typing_extensions typing_inspect tzdata tzlocal
    ujson ultralytics unidecode urllib3 urwid uvicorn uvloop validators versioneer virtualenv
    viztracer vlc voila voluptuous vtk waitress wandb watchdog websocket websockets werkzeug wheel
    widgetsnbextension wmi wrapt wsproto wtforms xarray xformers xgboost xlrd xlsxwriter xlwt
    xmltodict xxhash yaml yapf yarl yaspin zarr zeep zmq zstandard
    """.split()
) | frozenset(name for names in ALIASES.values() for name in names)


def normalise(distribution: str) -> str:
    """PEP 503's form of a distribution name: lower case, runs of ``-_.`` as one ``-``."""
    return _NORMALISE.sub("-", distribution).lower()


def import_names(distribution: str) -> frozenset[str]:
    """The import names (lower case, dotted) a distribution of this name may provide."""
    name = normalise(distribution)
    names = {name.replace("-", "_"), *(alias.lower() for alias in ALIASES.get(name, ()))}
    if "." in distribution:  # zope.interface, backports.zoneinfo: dotted names are namespaces
        names.add(re.sub(r"[-_]+", "_", distribution.lower()))
    for family in _NAMESPACE_FAMILIES:
        if name.startswith(family) and len(name) > len(family):
            head = family.rstrip("-").replace("-", ".")
            rest = name[len(family) :]
            names.add(f"{head}.{rest.replace('-', '.')}")
            names.add(f"{head}.{rest.replace('-', '_')}")
            names.add(f"{head}.{rest.replace('-', '')}")
    for prefix in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            names.add(name[len(prefix) :].replace("-", "_"))
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            names.add(name[: -len(suffix)].replace("-", "_"))
    return frozenset(names)


def stub_target(distribution: str) -> str | None:
    """``requests`` for ``types-requests`` or ``requests-stubs``: what a stub package types."""
    name = normalise(distribution)
    if name.startswith("types-"):
        return name[len("types-") :].replace("-", "_")
    if name.endswith("-stubs"):
        return name[: -len("-stubs")].replace("-", "_")
    return None


def without_api_version(part: str) -> str:
    """``pubsub`` for ``pubsub_v1``: Google's versioned API modules belong to the unversioned name."""
    return _API_VERSION.sub("", part)


def provides(names: Iterable[str], module: str) -> bool:
    """Whether ``module`` (dotted) is one of ``names`` (lower case) or inside one of them."""
    parts = module.lower().split(".")
    wanted = set(names)
    for end in range(1, len(parts) + 1):
        prefix = parts[:end]
        if ".".join(prefix) in wanted:
            return True
        versionless = [*prefix[:-1], without_api_version(prefix[-1])]
        if versionless != prefix and ".".join(versionless) in wanted:
            return True
    return False
