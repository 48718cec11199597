#@title 확인 도우미: 이 셀을 한 번 실행하세요. 읽지 않아도 됩니다 (✔/✘ 확인 뒤에서 돌아가는 코드입니다)
# 아래 확인 셀들이 쓰는 도우미입니다(읽기 전용).  NumPy 말고는 아무것도 필요하지 않습니다
# (check_tensor는 PyTorch를 import하지 않고 PyTorch가 돌려준 값을 읽습니다).
#
# 각 확인 셀은 `with checks_for("name"):` 안에서 확인을 실행합니다.  통과한 확인은 ✔ 줄을
# 출력하고, 실패한 확인은 무엇을 고쳐야 하는지 알려 주는 ✘ 메시지를 출력하며, 노트북은 계속
# 진행됩니다(Run All이 끝까지 실행됩니다).  각 확인 셀 아래 줄은 그 셀의 확인을 통과했는지
# 알려 주고(nbgrader의 Validate가 이 줄을 읽습니다), 맨 끝의 요약이 그 결과를 셉니다.
import inspect
import linecache
import os
import sys
import textwrap
import traceback
import warnings
from contextlib import contextmanager

import numpy as np

_outcomes = {}  # 함수 이름 -> "passed", "unwritten" 또는 그 확인 셀이 출력한 ✘ 메시지
_HELPERS = (lambda: None).__code__.co_filename  # 이 셀: 이 셀의 프레임은 여러분에게 보여 주지 않습니다


@contextmanager
def checks_for(name):
    """`name`의 확인을 실행합니다: 실패하면 ✘ 줄을 출력하고 기억해 두며, 노트북은 계속 진행됩니다."""
    _outcomes[name] = None
    try:
        yield
    except Exception as err:  # 여러분 코드의 실패를 한두 줄로 알려 줍니다. 이 도우미들의 traceback은 보여 주지 않습니다
        unwritten = _unwritten(name, err)
        _outcomes[name] = ("unwritten", unwritten) if unwritten else ("failed", _failure_text(name, err))
        print(_outcomes[name][1])
    else:
        _outcomes[name] = ("passed", "")


@contextmanager
def demo():
    """데모 셀을 실행합니다. 데모에 필요한 함수가 아직 작성되지 않았거나 실패하면 한 줄로 알려 줍니다."""
    try:
        yield
    except Exception as err:  # noqa: BLE001 - 데모는 Run All을 멈추지 않습니다
        frames = _your_frames(err.__traceback__)
        where = frames[-1][0] if frames else "여러분의 코드"
        if isinstance(err, NotImplementedError):
            print(f"· 이 데모에는 `{where}`의 코드가 필요한데 아직 작성되지 않았습니다: `{where}`의 코드를 작성하면 실행됩니다.")
        else:
            print(f"✘ 이 데모가 멈췄습니다: `{where}`에서 {type(err).__name__} 오류가 발생했습니다: {err}. 위의 확인 셀이 더 자세히 알려 줍니다.")


def _your_frames(tb):
    """여러분 코드의 프레임마다 (함수, 그 셀의 줄 번호, 소스 줄)을 돌려줍니다. 가장 안쪽 프레임이 마지막입니다.

    메서드는 클래스 이름과 함께 적으므로(`MultiplyGate.forward`), 클래스의 메서드는 그 클래스로 칩니다.
    """
    libraries = (sys.prefix, sys.base_prefix, sys.exec_prefix)
    frames = []
    for frame, line in list(traceback.walk_tb(tb))[1:]:  # 첫 프레임은 확인이나 데모를 실행한 셀, 즉 우리 코드입니다
        code = frame.f_code
        if code.co_filename == _HELPERS or code.co_filename.startswith(libraries) or "-packages" in code.co_filename:
            continue
        source = linecache.getline(code.co_filename, line, frame.f_globals).strip()
        frames.append((getattr(code, "co_qualname", code.co_name), line, source))
    return frames


def _where(err):
    """여러분의 코드에서 오류가 난 곳: 여러분의 프레임만, 가장 안쪽이 마지막입니다."""
    return "".join(f"\n    `{function}`, 그 셀의 {line}번째 줄: {source}" for function, line, source in
                   _your_frames(err.__traceback__)[-3:])


def _unwritten(name, err):
    """아직 NotImplementedError를 일으키는(또는 그런 함수를 호출하는) 함수에 대한 한 줄. 그 밖에는 None."""
    if not isinstance(err, NotImplementedError):
        return None
    frames = _your_frames(err.__traceback__)
    raised_in = frames[-1][0] if frames else name
    if raised_in in (name, "<module>") or raised_in.startswith(f"{name}."):
        return f"✘ {name}: 아직 작성되지 않았습니다. raise NotImplementedError()를 여러분의 코드로 바꾸세요"
    return f"✘ {name}: 안에서 호출하는 {raised_in}의 코드가 아직 작성되지 않았습니다. {raised_in}부터 작성하세요"


def _failure_text(name, err):
    """확인이 직접 낸 ✘ 메시지는 그대로, 여러분 코드의 다른 오류는 여러분의 프레임과 조언을 붙여 돌려줍니다."""
    text = str(err).strip()
    if isinstance(err, AssertionError) and text.startswith("✘"):
        return text
    return f"✘ {name}: 여러분의 코드에서 {type(err).__name__} 오류가 발생했습니다: {text or '(메시지 없음)'}.{_where(err)}{_advice(text)}"


def _fail(name, message):
    raise AssertionError(f"✘ {name}: {message}")


def _describe(value):
    if hasattr(value, "shape") and type(value).__module__.split(".")[0] == "torch":
        return f"형태가 {tuple(value.shape)}인 텐서"
    if isinstance(value, np.ndarray):
        if value.ndim <= 1 and value.size <= 6:
            return np.array2string(value, separator=", ")
        return f"형태가 {value.shape}인 배열"
    return repr(value) if len(repr(value)) <= 40 else f"{type(value).__name__} 객체"


_ONLY_SINGLE_NUMBERS = ("only length-1 arrays", "only size-1 arrays", "only 0-dimensional arrays",
                        "must be real number", "truth value of an array with more than one element is ambiguous",
                        "only integer scalar arrays")
_SHAPES_DO_NOT_FIT = ("could not be broadcast", "matmul", "not aligned", "shapes")
_NO_INVERSE = ("Singular matrix",)
_TORCH_ADVICE = [  # (PyTorch 메시지의 일부, 그 메시지가 보통 뜻하는 것)
    ("must have the same dtype", " float64 텐서가 float32 층을 만났습니다: PyTorch의 층은 float32이므로 텐서를 "
                                 "dtype=torch.float32로 만드세요 (torch.from_numpy는 numpy의 float64를 그대로 둡니다)."),
    ("before Module.__init__() call", " __init__의 첫 줄에서 super().__init__()를 호출하세요."),
    ("target size", " 레이블 y는 모델 출력과 같은 형태 (m, 1)이어야 합니다: y.reshape(-1, 1)."),
    ("does not require grad", " 손실이 가중치와 끊어졌습니다: 모델의 출력과 손실 사이에 torch.no_grad(), .detach(), "
                              "numpy가 끼어 있으면 안 됩니다."),
    ("Can't call numpy() on Tensor that requires grad", " 숫자 하나는 .item()으로 꺼내고, 그 밖에는 먼저 .detach()를 쓰세요."),
]


def _name_of(function):
    """여러분의 노트북이 그 함수를 부르는 이름."""
    for name, value in globals().items():
        if value is function and not name.startswith("_"):
            return name
    return getattr(function, "__name__", "여러분의 함수")


def call(function, *args, **kwargs):
    """여러분의 함수를 호출합니다. ("아직 구현되지 않음" 말고) 오류가 나면 어디서 났는지, 보통 무슨 뜻인지 알려 줍니다."""
    try:
        return function(*args, **kwargs)
    except (NotImplementedError, FloatingPointError):
        raise
    except Exception as err:  # 여러분 함수의 오류를 조언으로 바꿉니다
        name = _name_of(function)
        shown = f"{name}({', '.join(_describe(a) for a in args)})"
        _fail(name, f"{shown}에서 {type(err).__name__} 오류가 발생했습니다: {err}.{_where(err)}{_advice(str(err))}")


def _advice(text):
    """NumPy나 PyTorch의 오류 메시지가 여러분의 코드에서 보통 뜻하는 것 (모를 때는 빈 문자열)."""
    if any(key in text for key in _ONLY_SINGLE_NUMBERS):
        return ("\n여러분의 함수는 숫자 하나에만 동작합니다: math.exp / math.log나 값에 대한 if/else가 아니라 "
                "배열 전체에 동작하는 NumPy 함수(np.exp, np.log, np.abs, np.maximum, np.where, np.clip)를 "
                "쓰세요.")
    if any(key in text for key in _NO_INVERSE):
        return ("\n이 행렬은 역행렬이 없습니다(같은 특성이 중복되었거나, 미지수가 데이터 개수보다 많습니다): "
                "어떤 행렬에도 동작하는 np.linalg.lstsq나 np.linalg.pinv를 쓰세요.")
    for key, advice in _TORCH_ADVICE:
        if key in text:
            return "\n" + advice.strip()
    if any(key in text for key in _SHAPES_DO_NOT_FIT):
        return ("\n여러분의 코드에서 두 배열의 형태가 서로 맞지 않습니다: 각 배열의 .shape를 출력해 보고 "
                "위의 명세를 확인하세요 (keepdims=True는 더한 축을 남겨 두고, X @ w는 X가 앞에 와야 합니다).")
    return ""


def call_quietly(name, function, *args, **kwargs):
    """여러분의 함수를 호출합니다. NumPy가 오버플로, 0으로 나누기, 경고를 내면 실패입니다.

    언더플로(아주 작은 수가 0으로 반올림되는 것)는 괜찮습니다.
    """
    trouble = None
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            try:
                return call(function, *args, **kwargs)
            except (FloatingPointError, RuntimeWarning) as err:
                trouble = err
    _fail(name, f"NumPy가 문제를 보고했습니다: {trouble!r}. 중간 값에서 오버플로가 났거나(예: 큰 양수의 "
                "np.exp) 값이 정의되지 않았습니다(log(0), 0/0). 수치 안정성에 관한 강의 노트 내용을 참고하세요.")


def check_true(name, condition, message):
    """`condition`이 참이면 통과하고, 아니면 무엇을 고칠지 알려 주는 `message`로 실패합니다."""
    if not condition:
        _fail(name, message)
    print(f"✔ {name}")


def _is_number(value):
    return (isinstance(value, (int, float, np.integer, np.floating))
            or (isinstance(value, np.ndarray) and value.ndim == 0)) and not isinstance(value, (bool, np.bool_))


def _numbers(name, got, expected):
    """`got`을 `expected`와 같은 형태의 float64 숫자로 돌려주고, 그럴 수 없으면 그 이유를 ✘로 알려 줍니다."""
    if got is None:
        _fail(name, "함수가 None을 반환했습니다. `return`을 빠뜨리지 않았나요?")
    if expected.ndim == 0:
        if not _is_number(got):
            _fail(name, f"숫자 하나가 나와야 하는데 결과는 {_describe(got)}({type(got).__name__})입니다. 숫자 "
                        "하나를 반환하세요. 예: 모든 원소의 평균(axis 없이 np.mean(...)).")
    elif not isinstance(got, np.ndarray):
        _fail(name, f"형태가 {expected.shape}인 NumPy 배열이 나와야 하는데 결과는 {type(got).__name__}입니다. "
                    "결과는 리스트, `math`, torch가 아니라 NumPy 연산(np.asarray, np.exp, @, ...)으로 만드세요.")
    elif got.dtype.kind not in "biuf":
        _fail(name, f"숫자가 나와야 하는데 결과는 dtype이 {got.dtype}인 배열입니다.")
    got = np.asarray(got, dtype=np.float64)
    if got.shape != expected.shape:
        _fail(name, f"형태가 {expected.shape}이어야 하는데 결과의 형태는 {got.shape}입니다. 입력 값 하나마다 "
                    "값 하나를, 입력과 같은 배열 구조로 반환하세요 (차원이 더 있거나 빠지면 안 됩니다).")
    return got


def check_close(name, got, expected, atol=1e-8, rtol=1e-7, mistakes=()):
    """`got`이 `expected`와 타입과 형태가 같고 모든 값이 atol + rtol·|expected| 이내이면 통과합니다.

    `mistakes`: (값, 조언) 쌍들. `got`이 그 값 중 하나이면 그 조언이 무엇이 잘못됐는지 알려 줍니다.
    """
    expected = np.asarray(expected, dtype=np.float64)
    got = _numbers(name, got, expected)
    if np.isnan(got).any() and not np.isnan(expected).any():
        _fail(name, f"결과에 nan(숫자가 아님)이 있습니다: {_show(got)}. 어딘가에서 inf/inf, 0·inf 또는 "
                    "log(0)·0을 계산했습니다. 수치 안정성에 관한 강의 노트 내용을 참고하세요.")
    wrong = ~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    if wrong.any():
        message = f"기댓값은 {_show(expected)}인데 결과는 {_show(got)}입니다."
        if wrong.size > 1:
            first = tuple(int(i) for i in np.argwhere(wrong)[0])
            message += (f" 값 {wrong.size}개 중 {int(wrong.sum())}개가 틀렸습니다. 처음 틀린 곳은 인덱스 {first}: "
                        f"기댓값 {expected[first]:.10g}, 결과 {got[first]:.10g}.")
        for value, advice in mistakes:
            if np.allclose(got, np.asarray(value, dtype=np.float64), rtol=1e-6, atol=1e-9):
                message += f" {advice}"
                break
        _fail(name, message)
    print(f"✔ {name}")


def _show(values):
    return np.array2string(values, precision=8, threshold=10, separator=", ")


def check_array(name, got, shape, kind="float64", dtype_advice=None):
    """`got`이 이 형태의 NumPy 배열이고 dtype이 float64(kind="float64")이거나 정수 타입이면 통과합니다."""
    if not isinstance(got, np.ndarray):
        _fail(name, f"NumPy 배열이 나와야 하는데 결과는 {type(got).__name__}입니다. 결과는 리스트, `math`, "
                    "torch가 아니라 NumPy 연산(np.asarray, np.exp, @, ...)으로 만드세요.")
    if got.shape != tuple(shape):
        _fail(name, f"형태가 {tuple(shape)}이어야 하는데 결과의 형태는 {got.shape}입니다.")
    if kind == "float64" and got.dtype != np.float64:
        _fail(name, f"dtype이 float64이어야 하는데 {got.dtype}입니다. " + (dtype_advice or "먼저 입력을 float64로 "
                    "바꾸세요. 예: np.asarray(..., dtype=np.float64)."))
    if kind == "integer" and not np.issubdtype(got.dtype, np.integer):
        _fail(name, f"정수 dtype이어야 하는데 {got.dtype}입니다. 0/1 답은 .astype(int)로 바꾸세요.")
    print(f"✔ {name}")


def check_tensor(name, got, shape, dtype="float32", requires_grad=None):
    """`got`이 이 형태와 dtype의 torch 텐서이면 통과하고, 그 값을 float64 NumPy 배열로 돌려줍니다."""
    if type(got).__module__.split(".")[0] != "torch" or not hasattr(got, "detach"):
        _fail(name, f"형태가 {tuple(shape)}인 torch 텐서가 나와야 하는데 결과는 {_describe(got)}({type(got).__name__})입니다. "
                    "torch.tensor(..., dtype=torch.float32)로 텐서를 만들거나, torch 연산으로 계속 계산하세요.")
    if tuple(got.shape) != tuple(shape):
        advice = (" .reshape(-1, 1)로 열 벡터로 만드세요." if len(shape) == 2 and tuple(got.shape) == (shape[0],)
                  else "")
        _fail(name, f"형태가 {tuple(shape)}이어야 하는데 결과의 형태는 {tuple(got.shape)}입니다.{advice}")
    if str(got.dtype) != f"torch.{dtype}":
        _fail(name, f"dtype이 torch.{dtype}이어야 하는데 {got.dtype}입니다. 텐서를 만들 때 dtype=torch.{dtype} 인자를 "
                    f"넘기거나, 변환하세요 (.float()는 float32로 바꿉니다).")
    if requires_grad is not None and bool(got.requires_grad) != requires_grad:
        _fail(name, "결과가 아직 계산그래프에 연결되어 있습니다(requires_grad=True): "
                    "`with torch.no_grad():` 안에서 계산하세요." if got.requires_grad else
                    "결과가 계산그래프에서 끊어져 있어서(requires_grad=False) 기울기가 가중치까지 전달될 수 "
                    "없습니다: 그 계산 안에서 torch.no_grad(), .detach(), numpy를 쓰지 마세요.")
    print(f"✔ {name}")
    return got.detach().numpy().astype(np.float64)


def check_tuple(name, got, names):
    """`got`이 len(names)개 항목의 튜플(또는 리스트)이면 통과하고 그 항목들을 돌려줍니다. 예: names=("dw", "db")."""
    if not isinstance(got, (tuple, list)) or len(got) != len(names):
        _fail(name, f"결과 {len(names)}개({', '.join(names)})를 반환해야 하는데 반환값은 {_describe(got)}입니다. "
                    f"`return {', '.join(names)}`로 끝내세요.")
    print(f"✔ {name}")
    return tuple(got)


def check_float(name, got):
    """`got`이 float64 숫자 하나이면 통과합니다: Python float, np.float64 또는 0차원 float64 배열."""
    if not (isinstance(got, float) or (isinstance(got, (np.floating, np.ndarray)) and got.dtype == np.float64
                                       and np.ndim(got) == 0)):
        _fail(name, f"float 하나(Python float 또는 np.float64)가 나와야 하는데 결과는 {_describe(got)}, 타입은 "
                    f"{type(got).__name__}{' ' + str(got.dtype) if hasattr(got, 'dtype') else ''}입니다. "
                    "float64 배열에 np.mean(...)을 쓰면 float 하나가 나옵니다.")
    print(f"✔ {name}")


def check_between(name, got, low, high, advice):
    """`got`이 `low` 이상 `high` 이하의 유한한 숫자 하나이면 통과하고, 아니면 `advice`로 실패합니다."""
    if not _is_number(got):
        _fail(name, f"숫자 하나가 나와야 하는데 결과는 {_describe(got)}({type(got).__name__})입니다.")
    if not (np.isfinite(got) and low <= got <= high):
        _fail(name, f"결과는 {float(got)!r}인데, {low:g} 이상 {high:g} 이하의 유한한 숫자여야 합니다. {advice}")
    print(f"✔ {name}")


class VisibleChecksFailed(Exception):
    """nbgrader의 Validate에서만 일어나며, ✘ 줄만 보여 줍니다 (IPython의 _render_traceback_)."""

    def _render_traceback_(self):
        return str(self).splitlines()


def report_visible_checks(name):
    """각 확인 셀 아래에서: `name`의 확인을 통과했는지 알려 줍니다.

    여러분의 Jupyter나 Colab에서는 한 줄만 출력하므로 Run All이 계속 진행됩니다.  nbgrader의 Validate에서는
    ✘ 메시지 전체와 함께 실패하므로 Validate가 사실대로 알려 줍니다.  nbgrader가 노트북을 채점하는 동안에는
    아무것도 하지 않습니다: 숨은 테스트가 결정합니다.
    """
    mode = os.environ.get("NBGRADER_EXECUTION")
    if mode == "autograde":
        return
    kind, said = _outcomes.get(name) or (None, "")
    if kind == "passed":
        print(f"✔ `{name}`: 확인을 모두 통과했습니다. 노트북을 채점할 때는 숨은 테스트가 더 많은 경우를 "
              "검사합니다.")
        return
    if kind is None:
        said = f"✘ `{name}`의 확인이 아직 실행되지 않았습니다: 위의 확인 셀을 실행하세요."
    elif kind == "failed":
        said = f"✘ `{name}`: 아직 확인을 통과하지 못했습니다. 위의 확인 셀이 출력한 내용:\n{said}"
    if mode == "validate":
        raise VisibleChecksFailed(_wrapped(said))
    print(said.splitlines()[0] if kind != "failed" else f"✘ `{name}`: 아직 확인을 통과하지 못했습니다 (위를 보세요).")


# nbgrader 0.9.6의 Validate는 모든 줄을 87자에서 자릅니다, 4칸 들여쓰기 포함 (validator.py):
# ✘ 메시지의 각 줄을 83자로 줄바꿈해서, 메시지 전체(2차원 배열, 조언)가 잘리지 않고 보이게 합니다.
_LINE_WIDTH = 83


def _wrapped(text):
    lines = []
    for line in text.splitlines():
        indent = " " * (4 + len(line) - len(line.lstrip()))
        lines.append(textwrap.fill(line.strip(), _LINE_WIDTH, initial_indent=indent, subsequent_indent=indent,
                                   break_long_words=True, break_on_hyphens=False) if line.strip() else "")
    return "\n".join(lines)


@contextmanager
def standing_in(name, pairs, checking):
    """블록이 실행되는 동안 여러분의 `name`을 이 확인의 값만 아는 대역으로 바꿔 둡니다.

    `checking`: 이 확인이 검사하는 함수. `pairs`: 확인이 기대하는 호출마다 (인자, 결과) 쌍이며, `arguments`는
    위치 인자의 튜플입니다(인자가 하나면 튜플 없이 써도 됩니다).  다른 인자로 호출하면 어떤 호출인지
    알려 주는 ✘가 됩니다.
    그래서 `name`을 호출하는 함수의 확인은 여러분의 `name`에 있는 실수 때문에 실패하지 않습니다: 그 실수는
    `name` 자신의 확인 셀이 알려 줍니다.
    """
    table = [(a if isinstance(a, tuple) else (a,), r) for a, r in pairs]

    def fits(got, want):
        got, want = np.asarray(got), np.asarray(want)
        if got.shape != want.shape or got.dtype.kind not in "biuf":
            return False
        return bool(np.allclose(got.astype(np.float64), want.astype(np.float64), rtol=1e-9, atol=1e-12))

    def stand_in(*args, **kwargs):
        if kwargs:  # 예: predict_proba(X=X, w=w, b=b): 여러분 함수의 매개변수 순서대로 맞춥니다
            try:
                args = inspect.signature(saved).bind(*args, **kwargs).args
            except (TypeError, ValueError):
                args = args + tuple(kwargs.values())
        for arguments, result in table:
            if len(args) == len(arguments) and all(fits(g, w) for g, w in zip(args, arguments)):
                return tuple(_as_result(r) for r in result) if isinstance(result, tuple) else _as_result(result)
        shown = ", ".join(_describe(a) for a in args)
        _fail(checking, f"이 확인이 기대하지 않은 호출을 했습니다: {name}({shown}). 여기서는 여러분의 {name}에 있는 "
                      f"실수 때문에 이 확인까지 실패하지 않도록, {name} 대신 이 확인에 필요한 값만 아는 대역을 "
                      "씁니다. 명세에 적힌 대로, 명세가 말하는 값으로 호출하세요.")

    def _as_result(r):
        r = np.asarray(r, dtype=np.float64)
        return r.copy() if r.ndim else np.float64(r)

    saved = globals().get(name)
    globals()[name] = stand_in
    try:
        yield
    finally:
        globals()[name] = saved


def visible_checks_summary(names):
    """확인을 통과한 함수가 몇 개인지 알려 줍니다 (점수가 아닙니다: 숨은 테스트가 더 많이 검사합니다)."""
    kinds = {n: (_outcomes.get(n) or (None, ""))[0] for n in names}
    print(f"함수 {len(names)}개 중 {sum(k == 'passed' for k in kinds.values())}개가 확인을 통과했습니다.")
    shown = {"passed": "✔ 통과함", None: "· 실행 전", "unwritten": "· 작성 전", "failed": "✘ 실패함"}
    for n in names:
        print(f"  {shown[kinds[n]]:18} {n}")
    print("확인은 기본 점검일 뿐 점수가 아닙니다: 노트북을 채점할 때는 숨은 테스트가 각 함수를 훨씬 "
          "많은 경우로 검사합니다.")
