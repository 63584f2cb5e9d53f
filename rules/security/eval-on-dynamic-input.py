import ast
import builtins

import pandas as pd


def calculate(expression):
    # ruleid: eval-on-dynamic-input
    return eval(expression)


def run_snippet(code, namespace):
    # ruleid: eval-on-dynamic-input
    exec(code, namespace)


def apply_field(obj, field):
    # ruleid: eval-on-dynamic-input
    return eval(f"obj.{field}")


def run_tool_call(llm_reply):
    # ruleid: eval-on-dynamic-input
    return builtins.eval(llm_reply.strip(), {"__builtins__": {}})


def run_script(path):
    with open(path) as handle:
        # ruleid: eval-on-dynamic-input
        exec(compile(handle.read(), path, "exec"))


# ok: eval-on-dynamic-input
total = eval("1 + 2")

# ok: eval-on-dynamic-input
exec("import this")


def parse(text):
    # ok: eval-on-dynamic-input
    return ast.literal_eval(text)


def filter_frame(df: pd.DataFrame, query):
    # ok: eval-on-dynamic-input
    return df.eval(query)


def predict(model, batch):
    # ok: eval-on-dynamic-input
    model.eval()
    return model(batch)


def evaluate(session, expr):
    # ok: eval-on-dynamic-input
    return session.exec(expr)
