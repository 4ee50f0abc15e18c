# SPDX-License-Identifier: MIT
"""metatable_runner: nodes built on the fly, run as the console runs them, their rows checked
line by line; a 1,000,000-row frame streamed with its peak-memory overhead measured."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

import bridgetest as bt

NODES = '''
from __future__ import annotations

import atexit
import datetime
import json
import os
import resource
import uuid

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field

UTC = datetime.timezone.utc


class RunConfig(BaseModel):
    rows: int = Field(default=3, description="How many rows to produce.")
    label: str | None = Field(default=None, json_schema_extra={"hash_excluded": True})


class FrameNode:
    def __init__(self, config: RunConfig, storage_table=None):
        self.config = config

    def update(self):
        index = pd.MultiIndex.from_arrays(
            [pd.DatetimeIndex(["2024-01-01T00:00:00Z", "2024-01-01T00:00:00.5Z", "2024-01-02T00:00:00Z"]),
             ["a", "b", "c"]],
            names=["time_index", "entity_identifier"],
        )
        return pd.DataFrame(
            {
                "value": [1.5, float("nan"), float("inf")],
                "count": np.array([1, 2, 3], dtype="int64"),
                "flag": [True, False, True],
                "note": ["x", None, "Zoë \\"q\\""],
                "naive_at": pd.to_datetime(["2024-01-01 09:00", None, "2024-01-03 10:30:15"]),
                "paris_at": pd.to_datetime(["2024-06-01T12:00:00+02:00"] * 3).tz_convert("Europe/Paris"),
                "nullable_int": pd.array([7, None, 9], dtype="Int64"),
            },
            index=index,
        ).head(self.config.rows)


class DictNode:
    def __init__(self, config: RunConfig):
        self.config = config

    def update(self):
        return [
            {"time_index": datetime.datetime(2024, 1, 1, tzinfo=UTC), "account_uid": uuid.UUID(int=1),
             "quantity": 2.0, "market_value": None, "day": datetime.date(2024, 1, 1)},
            {"time_index": datetime.datetime(2024, 1, 2, 3, 4, 5, 6), "account_uid": uuid.UUID(int=2),
             "quantity": float("nan"), "market_value": 3, "day": None},
        ]


class RaisingNode:
    def __init__(self, config: RunConfig):
        self.config = config

    def update(self):
        raise RuntimeError("the upstream feed is unreachable")


def _peak_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class BigNode:
    def __init__(self, config: RunConfig):
        self.config = config

    def update(self):
        n = self.config.rows
        frame = pd.DataFrame(
            {
                "time_index": pd.date_range("2024-01-01", periods=n, freq="s", tz="UTC"),
                "entity_identifier": np.array([f"entity_{i}" for i in range(n)], dtype=object),
                "value": np.where(np.arange(n) % 10 == 0, np.nan, np.arange(n) * 0.25),
                "window_days": np.arange(n, dtype="int64") % 30,
            }
        ).set_index(["time_index", "entity_identifier"])
        frame_bytes = int(frame.memory_usage(deep=True, index=True).sum())
        reset = False
        try:  # start the peak from here, so building the frame does not mask the streaming peak
            with open("/proc/self/clear_refs", "w") as handle:
                handle.write("5")
            reset = True
        except OSError:
            pass
        before = _peak_kb()
        started = __import__("time").monotonic()

        def report():
            with open(os.environ["RUNNER_TEST_MEMORY_FILE"], "w") as handle:
                json.dump({"frame_bytes": frame_bytes, "peak_before_kb": before, "peak_after_kb": _peak_kb(),
                           "peak_reset": reset, "stream_seconds": __import__("time").monotonic() - started}, handle)

        atexit.register(report)
        return frame
'''


class RunnerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="metatable-runner-")
        with open(os.path.join(cls.tmp, "runner_nodes.py"), "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(NODES))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_node(self, qualname, config, **extra):
        path = os.path.join(self.tmp, qualname + ".config.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(config, handle)
        return bt.run_python(
            ["-m", "metatable_runner", "--node", f"runner_nodes:{qualname}"], self.tmp,
            METATABLE_CONFIG_FILE=path, **extra,
        )

    def test_dataframe_rows(self):
        result = self.run_node("FrameNode", {"rows": 3})
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        expected = [
            '{"time_index":"2024-01-01T00:00:00+00:00","entity_identifier":"a","value":1.5,"count":1,"flag":true,'
            '"note":"x","naive_at":"2024-01-01T09:00:00","paris_at":"2024-06-01T12:00:00+02:00","nullable_int":7}',
            '{"time_index":"2024-01-01T00:00:00.500000+00:00","entity_identifier":"b","value":null,"count":2,"flag":false,'
            '"note":null,"naive_at":null,"paris_at":"2024-06-01T12:00:00+02:00","nullable_int":null}',
            '{"time_index":"2024-01-02T00:00:00+00:00","entity_identifier":"c","value":null,"count":3,"flag":true,'
            '"note":"Zoë \\"q\\"","naive_at":"2024-01-03T10:30:15","paris_at":"2024-06-01T12:00:00+02:00","nullable_int":9}',
        ]
        self.assertEqual(result.stdout.decode("utf-8").splitlines(), expected)
        self.assertTrue(result.stdout.endswith(b"\n"))

    def test_config_is_validated_by_the_config_class(self):
        result = self.run_node("FrameNode", {"rows": "many"})
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, b"")
        self.assertIn("invalid configuration for RunConfig", result.stderr.decode())
        self.assertIn("rows", result.stderr.decode())

    def test_dict_rows(self):
        result = self.run_node("DictNode", {})
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertEqual(
            result.stdout.decode().splitlines(),
            [
                '{"time_index":"2024-01-01T00:00:00+00:00","account_uid":"00000000-0000-0000-0000-000000000001",'
                '"quantity":2.0,"market_value":null,"day":"2024-01-01"}',
                '{"time_index":"2024-01-02T03:04:05.000006","account_uid":"00000000-0000-0000-0000-000000000002",'
                '"quantity":null,"market_value":3,"day":null}',
            ],
        )

    def test_raising_update(self):
        result = self.run_node("RaisingNode", {})
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, b"")
        stderr = result.stderr.decode()
        self.assertIn("RuntimeError: the upstream feed is unreachable", stderr)
        self.assertIn("Traceback", stderr)

    def test_unknown_node(self):
        result = bt.run_python(["-m", "metatable_runner", "--node", "runner_nodes:Missing"], self.tmp)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, b"")
        self.assertIn("module 'runner_nodes' has no attribute 'Missing'", result.stderr.decode())

    def test_million_rows_stream_without_a_second_copy(self):
        rows = 1_000_000
        memory_file = os.path.join(self.tmp, "memory.json")
        config = os.path.join(self.tmp, "big.json")
        with open(config, "w", encoding="utf-8") as handle:
            json.dump({"rows": rows}, handle)
        output = os.path.join(self.tmp, "big.ndjson")
        started = time.monotonic()
        with open(output, "wb") as sink:
            result = subprocess.run(
                [sys.executable, "-m", "metatable_runner", "--node", "runner_nodes:BigNode"],
                env=bt.python_env(self.tmp, METATABLE_CONFIG_FILE=config, RUNNER_TEST_MEMORY_FILE=memory_file),
                stdout=sink, stderr=subprocess.PIPE, timeout=300,
            )
        elapsed = time.monotonic() - started
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        figures = bt.load(memory_file)
        overhead = (figures["peak_after_kb"] - figures["peak_before_kb"]) * 1024
        print(
            f"\n1,000,000-row frame: {figures['frame_bytes'] / 2**20:.1f} MiB (memory_usage deep), "
            f"peak RSS {figures['peak_before_kb'] / 1024:.1f} -> {figures['peak_after_kb'] / 1024:.1f} MiB, "
            f"streaming overhead {overhead / 2**20:.1f} MiB "
            f"({100.0 * overhead / figures['frame_bytes']:.1f} % of the frame; peak reset before streaming: "
            f"{figures['peak_reset']}), streamed in {figures['stream_seconds']:.1f} s, run {elapsed:.1f} s, "
            f"output {os.path.getsize(output) / 2**20:.1f} MiB",
            file=sys.stderr,
        )
        self.assertLess(overhead, 0.10 * figures["frame_bytes"])
        with open(output, "rb") as handle:
            first = handle.readline()
            count = 1 + sum(1 for _ in handle)
        self.assertEqual(count, rows)
        self.assertEqual(
            first, b'{"time_index":"2024-01-01T00:00:00+00:00","entity_identifier":"entity_0","value":null,"window_days":0}\n'
        )
        with open(output, "rb") as handle:
            handle.seek(-200, os.SEEK_END)
            last = handle.read().splitlines()[-1]
        self.assertEqual(
            last,
            b'{"time_index":"2024-01-12T13:46:39+00:00","entity_identifier":"entity_999999","value":249999.75,"window_days":9}',
        )


if __name__ == "__main__":
    unittest.main()
