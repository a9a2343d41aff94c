#!/usr/bin/env python3
"""Hostile model files and sentences against `orderlens trace` (Python 3 standard library only).

Writes mutants of the shipped model files (resources/models/*.safetensors) and of the tiny BERT
fixtures (tests/fixtures/tiny_bert/*/), plus hostile sentences for intact models, runs
`orderlens trace --model <mutant> <sentence>` on each with a timeout and sorts the outcomes:

  clean refusal    exit 2 or 3, exactly one line on stderr (and no raw control characters in it)
  success          exit 0, stdout valid JSON holding only finite numbers (trace JSON writes a
                   non-finite number as null, so a null counts as non-finite, except under the
                   keys the README marks as null where undefined)
  messy refusal    exit 2 or 3, but stderr is not one line, or echoes raw control characters
  (and, counted apart among the clean refusals: unclear ones, whose line quotes the JSON
  library's text or, for a model read from a path, does not name the file)
  nonsense         exit 0, but stdout is not valid JSON or holds a non-finite number / null
  crash            killed by a signal, or any other exit code
  hang             still running after --timeout seconds (killed)

Usage:
  tests/robustness/hostile_inputs.py --binary build/release/app/orderlens [--count 500] [--seed 1]
      [--timeout 10] [--jobs 2] [--work DIR] [--keep] [--show 5] [--json SUMMARY.json]

The same --seed gives the same mutants. Mutants of cases that ended well are deleted unless
--keep; the others (unclear refusals too) stay in --work so the printed commands can be rerun.
Exit status: 0 when every case is a clean refusal or a success, 1 otherwise.
"""
import argparse
import concurrent.futures
import copy
import json
import math
import os
import random
import resource
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILTIN_SENTENCE = "猫追老鼠"
BERT_SENTENCE = "the cat chases the mouse"

# ---- safetensors ---------------------------------------------------------------------------


def read_safetensors(path):
    """(header dict, tensor bytes) of a safetensors file."""
    data = open(path, "rb").read()
    (length,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8 : 8 + length]), data[8 + length :]


def write_safetensors(path, header, body, header_text=None):
    text = (header_text if header_text is not None else json.dumps(header, ensure_ascii=False)).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + body)


def tensor_names(header):
    return sorted(k for k in header if k != "__metadata__")


# Values a header field should never accept. JSON text (not Python values) so that numbers
# beyond 64 bits and exponent forms reach the parser as written.
HOSTILE_INTS = [
    "4294967300", "9223372036854775808", "18446744073709551615", "-1", "-4294967296", "0", "1.5", "1e300",
    "true", "\"4\"", "null", "[]", "{}", "1e-45", "-0.0",
]
HOSTILE_FLOATS = ["1e39", "3e38", "-3e38", "1e-45", "0", "-1", "1e308", "1e400", "\"1e-5\"", "true", "null"]
HOSTILE_SHAPES = [
    "[1099511627776, 1099511627776]", "[-1, 64]", "[1.5, 2]", "[true, 2]", "[\"64\", 64]", "[]", "[0]",
    "[9223372036854775807, 2]", "[18446744073709551615]", "[64, 64, 64, 64, 64, 64, 64, 64]", "null", "7",
]
HOSTILE_DTYPES = ["\"F64\"", "\"I8\"", "\"BOOL\"", "\"F8_E4M3\"", "\"f32\"", "\"\"", "5", "null", "\"F16\"", "\"BF16\"", "\"I64\""]
HOSTILE_OFFSETS = [
    "[0, 1099511627776]", "[-8, 8]", "[16, 8]", "[0, 0]", "[1.5, 9]", "[\"0\", \"8\"]", "[0]", "[0, 8, 16]",
    "[18446744073709551615, 18446744073709551615]", "null", "[9223372036854775807, 9223372036854775807]",
]
HOSTILE_VALUES = [float("nan"), float("inf"), float("-inf"), 3e38, -3e38, 1e30]


def edit_header_text(header, name, field, value_text):
    """The header as JSON text with header[name][field] replaced by raw JSON value_text."""
    marker = "\u0000MARK\u0000"
    h = copy.deepcopy(header)
    h[name][field] = marker
    return json.dumps(h, ensure_ascii=False).replace(json.dumps(marker), value_text)


def put_float(body, header, name, index, value):
    """body with element `index` of F32/F16/BF16 tensor `name` set to value."""
    info = header[name]
    begin, end = info["data_offsets"]
    dtype = info["dtype"]
    size = {"F32": 4, "F16": 2, "BF16": 2}.get(dtype)
    if size is None:
        return body
    count = (end - begin) // size
    offset = begin + (index % max(count, 1)) * size
    if dtype == "F32":
        raw = struct.pack("<f", value)
    elif dtype == "F16":
        raw = struct.pack("<e", value if not math.isfinite(value) or abs(value) <= 65504 else math.copysign(65504, value))
    else:  # BF16: the top half of the F32
        raw = struct.pack("<f", value)[2:]
    return body[:offset] + raw + body[offset + size :]


class Case:
    def __init__(self, kind, what, model, sentences):
        self.kind = kind        # e.g. "truncate", "header:shape", "sentence:control"
        self.what = what        # one line saying what was done
        self.model = model      # --model argument
        self.sentences = sentences
        self.files = []         # what to delete afterwards

    def command(self, binary):
        return [binary, "trace", "--model", self.model] + self.sentences

    def shown_command(self, binary):
        shown = []
        args = self.command(binary)
        if len(self.sentences) > 3:  # the first sentences, then how many in all
            args = args[: 4 + 3] + ["...(%d sentences in all)" % len(self.sentences)]
        for arg in args:
            if len(arg) > 80:
                arg = arg[:40] + "...(%d chars)" % len(arg)
            shown.append(arg)
        return shlex.join(shown)


class Generator:
    def __init__(self, work, seed):
        self.work = work
        self.rng = random.Random(seed)
        self.counter = 0
        models = os.path.join(ROOT, "resources", "models")
        self.builtin_files = sorted(os.path.join(models, f) for f in os.listdir(models) if f.endswith(".safetensors"))
        bert = os.path.join(ROOT, "tests", "fixtures", "tiny_bert")
        self.bert_folders = sorted(
            os.path.join(bert, d) for d in os.listdir(bert) if os.path.isfile(os.path.join(bert, d, "config.json")))

    # -- where mutants go --

    def new_path(self, suffix):
        self.counter += 1
        return os.path.join(self.work, "m%04d%s" % (self.counter, suffix))

    def source(self):
        """(kind, path, safetensors path, sentence): a built-in model file or a BERT folder."""
        if self.rng.random() < 0.6:
            path = self.rng.choice(self.builtin_files)
            return "builtin", path, path, BUILTIN_SENTENCE
        folder = self.rng.choice(self.bert_folders)
        return "bert", folder, os.path.join(folder, "model.safetensors"), BERT_SENTENCE

    def mutant_model(self, family, origin, write):
        """A copy of a model (file or folder) whose safetensors is written by write(path)."""
        if family == "builtin":
            path = self.new_path(".safetensors")
            write(path)
            return path, [path]
        folder = self.new_path("")
        shutil.copytree(origin, folder)
        write(os.path.join(folder, "model.safetensors"))
        return folder, [folder]

    def case(self, kind, what, family, origin, write, sentence):
        model, files = self.mutant_model(family, origin, write)
        c = Case(kind, "%s (%s)" % (what, os.path.relpath(origin, ROOT)), model, [sentence])
        c.files = files
        return c

    # -- the mutations --

    def truncation(self):
        family, origin, st, sentence = self.source()
        data = open(st, "rb").read()
        (length,) = struct.unpack("<Q", data[:8])
        cut = self.rng.choice([0, 4, 8, 9, self.rng.randrange(8, 8 + length), self.rng.randrange(8 + length, len(data)),
                               len(data) - 1])
        return self.case("truncate", "cut to %d of %d bytes" % (cut, len(data)), family, origin,
                         lambda p: open(p, "wb").write(data[:cut]), sentence)

    def bit_flips(self):
        family, origin, st, sentence = self.source()
        data = bytearray(open(st, "rb").read())
        (length,) = struct.unpack("<Q", data[:8])
        region = self.rng.choice(["length", "header", "body"])
        lo, hi = {"length": (0, 8), "header": (8, 8 + length), "body": (8 + length, len(data))}[region]
        flips = self.rng.choice([1, 1, 2, 8, 64])
        where = []
        for _ in range(flips):
            i = self.rng.randrange(lo, hi)
            bit = self.rng.randrange(8)
            data[i] ^= 1 << bit
            where.append("%d.%d" % (i, bit))
        return self.case("bitflip:" + region, "%d bit flip(s) in the %s at %s" % (flips, region, ",".join(where[:4])),
                         family, origin, lambda p: open(p, "wb").write(bytes(data)), sentence)

    def header_edit(self):
        family, origin, st, sentence = self.source()
        header, body = read_safetensors(st)
        name = self.rng.choice(tensor_names(header))
        field, values = self.rng.choice([("shape", HOSTILE_SHAPES), ("dtype", HOSTILE_DTYPES),
                                         ("data_offsets", HOSTILE_OFFSETS)])
        value = self.rng.choice(values)
        text = edit_header_text(header, name, field, value)
        return self.case("header:" + field, "tensor '%s' %s = %s" % (name, field, value), family, origin,
                         lambda p: write_safetensors(p, None, body, text), sentence)

    def header_length(self):
        family, origin, st, sentence = self.source()
        data = open(st, "rb").read()
        (length,) = struct.unpack("<Q", data[:8])
        new = self.rng.choice([0, 1, length - 1, length + 1, len(data), 2**32, 2**63, 2**64 - 1])
        return self.case("header:length", "header length field %d (was %d)" % (new, length), family, origin,
                         lambda p: open(p, "wb").write(struct.pack("<Q", new) + data[8:]), sentence)

    def bad_values(self):
        family, origin, st, sentence = self.source()
        header, body = read_safetensors(st)
        names = [n for n in tensor_names(header) if header[n]["dtype"] in ("F32", "F16", "BF16")]
        name = self.rng.choice(names)
        value = self.rng.choice(HOSTILE_VALUES)
        count = self.rng.choice([1, 1, 16])
        for k in range(count):
            body = put_float(body, header, name, self.rng.randrange(1 << 30), value)
        return self.case("values", "%d value(s) of tensor '%s' set to %r" % (count, name, value), family, origin,
                         lambda p: write_safetensors(p, header, body), sentence)

    def extra_tensor(self):
        family, origin, st, sentence = self.source()
        header, body = read_safetensors(st)
        value = self.rng.choice([float("nan"), float("inf"), 3e38])
        h = copy.deepcopy(header)
        h["unused.extra"] = {"dtype": "F32", "shape": [2, 2], "data_offsets": [len(body), len(body) + 16]}
        extra = body + struct.pack("<4f", value, 0, 0, value)
        return self.case("values:extra", "an unused extra tensor holding %r" % value, family, origin,
                         lambda p: write_safetensors(p, h, extra), sentence)

    def builtin_metadata(self):
        """Edits of the config and vocabulary a built-in model file carries in __metadata__."""
        path = self.rng.choice(self.builtin_files)
        header, body = read_safetensors(path)
        meta = header["__metadata__"]
        h = copy.deepcopy(header)
        if self.rng.random() < 0.75:
            config = json.loads(meta["orderlens_config"])
            key = self.rng.choice(sorted(config))
            if key in ("ln_eps", "rope_base", "embedding_scale"):
                value = self.rng.choice(HOSTILE_FLOATS)
            elif key in ("pe", "norm", "activation"):
                value = self.rng.choice(["\"bogus\"", "5", "null", "\"\"", "[\"rope\"]"])
            elif key in ("embedding_norm", "final_norm"):
                value = self.rng.choice(["1", "\"true\"", "null"])
            else:
                value = self.rng.choice(HOSTILE_INTS + (["8192"] if key in ("d_model", "max_len") else []))
            marker = "\u0000MARK\u0000"
            config[key] = marker
            text = json.dumps(config).replace(json.dumps(marker), value)
            if self.rng.random() < 0.15:  # the whole config: big tables from a small file
                c = json.loads(meta["orderlens_config"])
                c.update({"d_model": 8192, "max_len": 8192, "d_ff": 65536})
                text, key, value = json.dumps(c), "d_model,max_len,d_ff", "8192,8192,65536"
            h["__metadata__"]["orderlens_config"] = text
            what = "config %s = %s" % (key, value)
            kind = "metadata:config"
        else:
            words = json.loads(meta["orderlens_vocabulary"])
            choice = self.rng.choice(["long", "duplicate", "notarray", "badentry", "broken", "huge"])
            if choice == "long":
                words[-1] = ["猫" * 5000, "animal"]  # replaced, so the word count still fits the table
                what = "a 5,000-character word in the vocabulary"
            elif choice == "duplicate":
                words[-1] = list(words[-2])
                what = "a word listed twice"
            elif choice == "notarray":
                words = {"猫": "animal"}
                what = "vocabulary is an object"
            elif choice == "badentry":
                words.append([5, None])
                what = "vocabulary entry [5, null]"
            elif choice == "huge":
                words += [["w%d" % i, "animal"] for i in range(200000)]
                what = "200,000 extra words (config vocab unchanged)"
            if choice == "broken":
                h["__metadata__"]["orderlens_vocabulary"] = "[[\"猫\", \"animal\""
                what = "vocabulary JSON cut short"
            else:
                h["__metadata__"]["orderlens_vocabulary"] = json.dumps(words, ensure_ascii=False)
            kind = "metadata:vocabulary:" + choice
        out = self.new_path(".safetensors")
        write_safetensors(out, h, body)
        sentence = "猫" * 2000 if kind.endswith(":long") else BUILTIN_SENTENCE  # the tokenizer's worst case
        c = Case(kind, "%s (%s)" % (what, os.path.relpath(path, ROOT)), out, [sentence])
        c.files = [out]
        return c

    def bert_config(self):
        folder = self.rng.choice(self.bert_folders)
        config = json.load(open(os.path.join(folder, "config.json")))
        key = self.rng.choice([k for k in config if isinstance(config[k], (int, float)) and not isinstance(config[k], bool)]
                              + ["hidden_act", "model_type"])
        if key in ("layer_norm_eps", "hidden_dropout_prob", "attention_probs_dropout_prob"):
            value = self.rng.choice(HOSTILE_FLOATS)
        elif key in ("hidden_act", "model_type"):
            value = self.rng.choice(["\"bogus\"", "5", "null"])
        else:
            value = self.rng.choice(HOSTILE_INTS + ["4096", "1000000"])
        marker = "\u0000MARK\u0000"
        config[key] = marker
        text = json.dumps(config, indent=2).replace(json.dumps(marker), value)
        out = self.new_path("")
        shutil.copytree(folder, out)
        open(os.path.join(out, "config.json"), "w").write(text)
        c = Case("bert:config", "config.json %s = %s (%s)" % (key, value, os.path.relpath(folder, ROOT)), out, [BERT_SENTENCE])
        c.files = [out]
        return c

    def bert_vocab(self):
        folder = self.rng.choice(self.bert_folders)
        lines = open(os.path.join(folder, "vocab.txt"), encoding="utf-8").read().split("\n")
        choice = self.rng.choice(["long", "empty", "nounk", "binary"])
        if choice == "long":
            lines[-2] = "a" * 5000
            what = "a 5,000-character word in vocab.txt"
        elif choice == "empty":
            lines = []
            what = "empty vocab.txt"
        elif choice == "nounk":
            lines = [w for w in lines if w != "[UNK]"]
            what = "vocab.txt without [UNK]"
        else:
            lines = ["\x00\xff\x1b[31m"] * 64
            what = "vocab.txt of control bytes"
        out = self.new_path("")
        shutil.copytree(folder, out)
        open(os.path.join(out, "vocab.txt"), "w", encoding="utf-8", errors="surrogateescape").write("\n".join(lines))
        c = Case("bert:vocab:" + choice, "%s (%s)" % (what, os.path.relpath(folder, ROOT)), out,
                 ["a" * 2000 if choice == "long" else BERT_SENTENCE])
        c.files = [out]
        return c

    def sentence(self):
        """An intact model and a hostile sentence."""
        family, origin, _, _ = self.source()
        model = origin if family == "bert" else self.rng.choice(
            [origin, "builtin:" + os.path.basename(origin).split(".")[0]])
        kind, what, sentences = self.rng.choice([
            ("empty", "empty sentence", [""]),
            ("blank", "blank sentence", ["   \t  "]),
            ("long", "40,000 × 猫 (120 KB, near the argument limit)", ["猫" * 40000]),
            ("long", "100,000 × a", ["a" * 100000]),
            ("long", "100,000 × 'a '", ["a " * 50000]),
            ("control", "terminal escapes and bell", ["\x1b[31m猫\x1b[0m追\x07老鼠\x1b]0;pwned\x07"]),
            ("control", "only control characters", ["\x01\x02\x03\x1b\x7f"]),
            ("unknown", "characters outside every vocabulary", ["𓀀𓀁𓀂 ꙮ ⸻"]),
            ("combining", "1,000 combining marks on one letter", ["a" + "\u0301\u0302\u0303" * 333]),
            ("combining", "zero-width joiners", ["👨\u200d" * 300 + "👩"]),
            ("bidi", "right-to-left override", ["\u202e猫追老鼠\u202c"]),
            ("invalid-utf8", "invalid UTF-8 bytes", [os.fsdecode(b"\xff\xfe\xc3\x28\xed\xa0\x80")]),
            ("many", "2,000 sentences", [BUILTIN_SENTENCE] * 2000),
        ])
        c = Case("sentence:" + kind, "%s (model %s)" % (what, model if ":" in model else os.path.relpath(model, ROOT)),
                 model, sentences)
        return c

    def generate(self, count):
        makers = [(self.truncation, 10), (self.bit_flips, 16), (self.header_edit, 20), (self.header_length, 5),
                  (self.bad_values, 12), (self.extra_tensor, 4), (self.builtin_metadata, 15), (self.bert_config, 8),
                  (self.bert_vocab, 3), (self.sentence, 12)]
        population = [m for m, _ in makers]
        weights = [w for _, w in makers]
        return [self.rng.choices(population, weights)[0]() for _ in range(count)]


# ---- running and judging -------------------------------------------------------------------


# Keys whose value may be null by the README ("null appears only where marked above").
NULL_ALLOWED = {"ablation_position_score", "cosine_to_position", "mean_cosine_to_position"}


def non_finite(value):
    """The first place where the parsed JSON holds a non-finite number, or a null the README does
    not allow; None when there is none."""
    stack = [(value, "")]
    while stack:
        v, where = stack.pop()
        key = where.rsplit(".", 1)[-1].split("[", 1)[0]
        if v is None and key not in NULL_ALLOWED:
            return where or "the top"
        if isinstance(v, float) and not math.isfinite(v):
            return where
        if isinstance(v, dict):
            stack.extend((x, "%s.%s" % (where, k)) for k, x in v.items())
        elif isinstance(v, list):
            stack.extend((x, "%s[%d]" % (where, i)) for i, x in enumerate(v))
    return None


def has_control(text):
    return any((ord(ch) < 0x20 and ch not in "\n") or ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0 for ch in text)


def unclear(line, case):
    """Why a one-line refusal is still unclear, or None: it quotes the JSON library's own type or
    range error (a parse error after the file's name is fine), or (for a model read from a path)
    does not name the file."""
    if any("json.exception." + kind in line for kind in ("type_error", "out_of_range", "other", "invalid_iterator")):
        return "quotes a JSON library message"
    if ":" not in case.model and case.kind.split(":")[0] != "sentence" and case.model not in line:
        return "does not name the model file"
    return None


def judge(rc, out, err):
    """(outcome, reason)."""
    lines = err.decode("utf-8", "replace").rstrip("\n").split("\n") if err else []
    if rc in (2, 3):
        if len(lines) != 1 or not lines[0].strip():
            return "messy", "%d stderr lines" % len(lines)
        if has_control(lines[0]):
            return "messy", "raw control characters on stderr"
        return "refusal", ""
    if rc == 0:
        try:
            value = json.loads(out, parse_constant=float)
        except ValueError as e:
            return "nonsense", "stdout is not JSON: %s" % e
        where = non_finite(value)
        if where:
            return "nonsense", "a null or non-finite number at %s" % where
        return "success", ""
    if rc < 0:
        return "crash", "signal %s" % signal.Signals(-rc).name
    return "crash", "exit %d" % rc


def limit_memory(megabytes):
    def apply():
        os.setsid()
        if megabytes:
            resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))
    return apply


def run_case(case, binary, timeout, memory_mb):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    started = time.monotonic()
    p = subprocess.Popen(case.command(binary), stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                         env=env, preexec_fn=limit_memory(memory_mb))
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return "hang", "over %g s" % timeout, None, b"", time.monotonic() - started
    seconds = time.monotonic() - started
    outcome, reason = judge(p.returncode, out, err)
    return outcome, reason, p.returncode, err, seconds


LABELS = [
    ("refusal", "clean refusals", "exit 2 or 3, one stderr line"),
    ("success", "successes", "exit 0, valid JSON, finite numbers only"),
    ("messy", "messy refusals", "exit 2 or 3, stderr not one line or raw control characters"),
    ("nonsense", "nonsense", "exit 0, invalid JSON or a null / non-finite number"),
    ("crash", "crashes", "a signal or another exit code"),
    ("hang", "hangs", "killed after the timeout"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "release", "app", "orderlens"))
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per case before it counts as a hang")
    parser.add_argument("--memory-mb", type=int, default=8192, help="address-space limit per run (0: none)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", help="folder for the mutants (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep every mutant, not only those of bad cases")
    parser.add_argument("--show", type=int, default=5, help="bad cases listed per class")
    parser.add_argument("--json", help="also write the counts and every bad case to this file")
    args = parser.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit("no orderlens binary at %s (build it: ninja -C build/release orderlens)" % binary)
    work = args.work or tempfile.mkdtemp(prefix="orderlens-hostile-")
    os.makedirs(work, exist_ok=True)
    cases = Generator(work, args.seed).generate(args.count)

    started = time.monotonic()
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_case, c, binary, args.timeout, args.memory_mb) for c in cases]
        for case, future in zip(cases, futures):
            outcome, reason, rc, err, seconds = future.result()
            results.append((case, outcome, reason, rc, err, seconds))
    elapsed = time.monotonic() - started

    vague = []
    for case, outcome, reason, rc, err, seconds in results:
        if outcome == "refusal":
            why = unclear(err.decode("utf-8", "replace").strip(), case)
            if why:
                vague.append((case, "unclear", why, rc, err, seconds))
    counts = {key: 0 for key, _, _ in LABELS}
    for _, outcome, *_ in results:
        counts[outcome] += 1
    print("orderlens trace on hostile inputs: seed %d, timeout %g s, %.0f s in all" % (args.seed, args.timeout, elapsed))
    print("  tried            %4d" % len(results))
    for key, label, meaning in LABELS:
        print("  %-16s %4d   (%s)" % (label, counts[key], meaning))
        if key == "refusal":
            print("    of which unclear %4d   (the line quotes a JSON library message or does not name the model file)"
                  % len(vague))

    bad = []
    for key, label, _ in LABELS[2:] + [("unclear", "unclear refusals", "")]:
        chosen = vague if key == "unclear" else [r for r in results if r[1] == key]
        if not chosen:
            continue
        print("\n%s (%d), first %d:" % (label, len(chosen), min(args.show, len(chosen))))
        for case, outcome, reason, rc, err, seconds in chosen[: args.show]:
            first = err.decode("utf-8", "replace").split("\n")[0] if err else ""
            print("  [%s] %s -- %s, %.1f s" % (case.kind, case.what, reason, seconds))
            print("    $ %s" % case.shown_command(binary))
            if first:
                print("    stderr: %s" % ascii(first[:300])[1:-1])
        for case, outcome, reason, rc, err, seconds in chosen:
            bad.append({"class": key, "kind": case.kind, "what": case.what, "reason": reason, "exit": rc,
                        "seconds": round(seconds, 2), "command": case.shown_command(binary),
                        "stderr": err.decode("utf-8", "replace")[:2000] if err else ""})
    slow = sorted((r for r in results if r[1] in ("refusal", "success")), key=lambda r: -r[5])[:3]
    if slow and slow[0][5] > 2:
        print("\nslowest cases that ended well:")
        for case, outcome, reason, rc, err, seconds in slow:
            print("  %.1f s [%s] %s" % (seconds, case.kind, case.what))

    if not args.keep:
        kept = {id(v[0]) for v in vague}
        for case, outcome, *_ in results:
            if outcome in ("refusal", "success") and id(case) not in kept:
                for f in case.files:
                    shutil.rmtree(f, ignore_errors=True) if os.path.isdir(f) else os.remove(f)
    print("\nmutants of the bad cases are in %s" % work)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"seed": args.seed, "tried": len(results), "counts": counts, "unclear": len(vague), "bad": bad}, f, indent=1,
                      ensure_ascii=False)
    return 0 if counts["refusal"] + counts["success"] == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
