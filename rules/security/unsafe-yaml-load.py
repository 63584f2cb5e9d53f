import yaml
from yaml import Loader, load


def read_config(path):
    with open(path) as handle:
        # ruleid: unsafe-yaml-load
        return yaml.load(handle)


def read_manifest(text):
    # ruleid: unsafe-yaml-load
    return yaml.load(text, Loader=yaml.Loader)


def read_all(stream):
    # ruleid: unsafe-yaml-load
    return list(yaml.load_all(stream, Loader))


def read_full(text):
    # ruleid: unsafe-yaml-load
    return yaml.load(text, Loader=yaml.FullLoader)


def read_unsafe(text):
    # ruleid: unsafe-yaml-load
    return yaml.unsafe_load(text)


def read_c(text):
    # ruleid: unsafe-yaml-load
    return yaml.load(text, yaml.CLoader)


def read_bare(text):
    # ruleid: unsafe-yaml-load
    return load(text)


def read_safe(text):
    # ok: unsafe-yaml-load
    return yaml.safe_load(text)


def read_safe_loader(text):
    # ok: unsafe-yaml-load
    return yaml.load(text, Loader=yaml.SafeLoader)


def read_csafe(text):
    # ok: unsafe-yaml-load
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_all_safe(stream):
    # ok: unsafe-yaml-load
    return list(yaml.load_all(stream, Loader=yaml.CSafeLoader))


def read_base(text):
    # ok: unsafe-yaml-load
    return yaml.load(text, yaml.BaseLoader)


def read_json(text):
    # ok: unsafe-yaml-load
    return json.load(text)


def dump(data):
    # ok: unsafe-yaml-load
    return yaml.safe_dump(data)
