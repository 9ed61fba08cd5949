#!/usr/bin/python3
"""Drives the Jupyter kernel named `java` through jupyter_client (Jupyter's own client library).

  kernel_check.py starts N [--timeout S]
      Starts the kernel N times in a row; each time waits for kernel_info_reply (timeout S, default 60),
      runs `1+1`, checks the result is 2, shuts the kernel down. Prints one line per start and the counts;
      exit status 1 unless every start succeeded.

  kernel_check.py flood LINES     a cell prints LINES numbered lines: lines delivered, stream messages, seconds
  kernel_check.py interrupts      hostile cells interrupted after 1 s: how long each took to end
  kernel_check.py heap N          runs each of three cells N times: heap in use after a full GC, every N/5 cells
      Figures, not tests (they print what they measure; exit status 1 only if something is wrong, e.g. lost lines).

  kernel_check.py drive < steps.json
      Runs a list of steps in one kernel and prints a JSON list with one answer per step:
        {"code": "...", options}  -> {"status", "reply": execute_reply content, "outputs": [iopub outputs],
                                      "order": [iopub msg types in order, status as "status:busy"],
                                      "seconds": send to reply, "interrupted_after": seconds from the (first)
                                      interrupt to the reply}
            options: "silent", "store_history", "stop_on_error", "allow_stdin", "user_expressions" (as the
            protocol), "interrupts": [S, ...] (interrupt S seconds after sending, each; "interrupt_after": S is one; with "sigint": true by
            SIGINT to the kernel process instead of an interrupt_request), "stdin": ["line", ...]
            (answers to input requests), "timeout"
        {"queue": ["code", ...], options} -> all sent at once, before any reply: {"answers": [one per code]}
        {"send": "msg_type", "content": {...}} -> a message without reply (comm_open): {"iopub": [what it caused]}
        {"request": "msg_type", "content": {...}, "channel": "shell"|"control"}
                                  -> {"msg_type": reply type, "content": reply content}
        {"complete": "...", "cursor": N} -> the complete_reply content
        {"forged": "msg_type"}    -> {"replies": n}: the request signed with a wrong key, replies within a second
        {"wait": S}               -> {} after S seconds
      Each output is {"type": msg_type, ...content}. IOPub messages whose parent is an earlier step are listed in
      the answer of the step during which they arrived, under "late": [{"step": index, "type", ...content}].
      Used by the tests in src/test/java/convkit/jupyter.

The kernelspec is looked up as Jupyter does (set JUPYTER_PATH to test a kernelspec from another folder).
"""
import json
import os
import signal
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

OUTPUT_TYPES = ("stream", "execute_result", "display_data", "error", "clear_output", "comm_close")


def start(timeout):
    km = KernelManager(kernel_name="java")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    return km, kc


class Driver:
    """One kernel; remembers which step sent which request, to attribute late IOPub messages."""

    def __init__(self, km, kc, timeout):
        self.km, self.kc, self.timeout = km, kc, timeout
        self.step_of = {}  # msg_id -> step index
        self.late = []  # IOPub messages of earlier steps seen meanwhile
        self.pending_shell = {}  # msg_id -> reply received early
        self.sigint = False
        self.partial = False

    def iopub(self, deadline):
        return self.kc.get_iopub_msg(timeout=max(0.05, deadline - time.time()))

    def shell_reply(self, msg_id, deadline):
        while msg_id not in self.pending_shell:
            msg = self.kc.get_shell_msg(timeout=max(0.05, deadline - time.time()))
            self.pending_shell[msg["parent_header"].get("msg_id")] = msg
        return self.pending_shell.pop(msg_id)

    def keep_late(self, msg, current):
        parent = msg["parent_header"].get("msg_id")
        step = self.step_of.get(parent)
        if step is not None and step != current and msg["msg_type"] != "status":
            out = {"step": step, "type": msg["msg_type"]}
            out.update(msg["content"])
            self.late.append(out)

    def execute(self, step_index, code, options):
        timeout = options.get("timeout", self.timeout)
        t0 = time.time()
        msg_id = self.send_execute(step_index, code, options)
        self.sigint = options.get("sigint", False)
        interrupts = options.get("interrupts", [])
        if "interrupt_after" in options:
            interrupts = [options["interrupt_after"]] + list(interrupts)
        clock = {"t0": t0}  # interrupts count from the cell's execute_input (on a loaded machine it starts late)
        answers = self.collect([msg_id], step_index, t0 + timeout, interrupts, clock, options.get("stdin", []))
        answer = answers[0]
        if interrupts:
            answer["interrupted_after"] = answer["replied_at"] - (clock["t0"] + interrupts[0])
        answer["seconds"] = answer.pop("replied_at") - t0
        return answer

    def send_execute(self, step_index, code, options):
        kwargs = {k: options[k] for k in ("silent", "store_history", "stop_on_error", "allow_stdin",
                                          "user_expressions") if k in options}
        if "stdin" in options:
            kwargs["allow_stdin"] = True
        msg_id = self.kc.execute(code, **kwargs)
        self.step_of[msg_id] = step_index
        return msg_id

    def collect(self, msg_ids, step_index, deadline, interrupts=(), clock=None, stdin=()):
        """clock: {"t0": time} that the interrupts count from; reset when the (single) cell's execute_input arrives."""
        answers = {m: {"outputs": [], "order": []} for m in msg_ids}
        started = not interrupts
        idle = set()
        replies = {}
        interrupts = list(interrupts)
        stdin = list(stdin)
        while len(idle) < len(msg_ids) or len(replies) < len(msg_ids):
            if time.time() > deadline:
                if self.partial:  # report what came (e.g. the old kernel lost its idle status under a flood)
                    for m in msg_ids:
                        answers[m]["timed_out"] = True
                        answers[m].setdefault("replied_at", time.time())
                        replies.setdefault(m, {"content": {"status": "no reply"}})
                    break
                raise TimeoutError(f"no reply/idle within the timeout for step {step_index} "
                                   f"(order so far: {[a['order'][-5:] for a in answers.values()]})")
            while started and interrupts and time.time() >= clock["t0"] + interrupts[0]:
                interrupts.pop(0)
                if self.sigint:
                    os.kill(self.km.provisioner.process.pid, signal.SIGINT)  # Ctrl-C in Jupyter's terminal
                else:
                    self.km.interrupt_kernel()
            if stdin:
                try:
                    req = self.kc.get_stdin_msg(timeout=0.01)
                    self.kc.input(stdin.pop(0))
                except Empty:
                    pass
            for m in msg_ids:
                if m not in replies:
                    try:
                        replies[m] = self.shell_reply(m, time.time() + 0.02)
                        answers[m]["replied_at"] = time.time()
                    except Empty:
                        pass
            try:
                msg = self.iopub(time.time() + 0.05)
            except Empty:
                continue
            parent = msg["parent_header"].get("msg_id")
            if parent not in answers:
                self.keep_late(msg, step_index)
                continue
            kind = msg["msg_type"]
            a = answers[parent]
            if kind == "status":
                a["order"].append("status:" + msg["content"]["execution_state"])
                if msg["content"]["execution_state"] == "idle":
                    idle.add(parent)
                continue
            a["order"].append(kind)
            if kind == "execute_input" and not started:
                started = True
                clock["t0"] = time.time()
            if parent in idle:
                a.setdefault("after_idle", []).append(kind)
            if kind in OUTPUT_TYPES:
                out = {"type": kind}
                out.update(msg["content"])
                a["outputs"].append(out)
        result = []
        for m in msg_ids:
            a = answers[m]
            a["reply"] = replies[m]["content"]
            a["status"] = replies[m]["content"]["status"]
            a["msg_id"] = m
            result.append(a)
        return result

    def request(self, step_index, msg_type, content, channel):
        msg = self.kc.session.msg(msg_type, content)
        self.step_of[msg["header"]["msg_id"]] = step_index
        if channel == "control":
            self.kc.control_channel.send(msg)
            deadline = time.time() + self.timeout
            while True:
                reply = self.kc.get_control_msg(timeout=max(0.05, deadline - time.time()))
                if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                    break
        else:
            self.kc.shell_channel.send(msg)
            reply = self.shell_reply(msg["header"]["msg_id"], time.time() + self.timeout)
        self.drain(step_index, 0.2)
        return {"msg_type": reply["msg_type"], "content": reply["content"]}

    def drain(self, step_index, seconds):
        end = time.time() + seconds
        while time.time() < end:
            try:
                self.keep_late(self.iopub(min(end, time.time() + 0.1)), step_index)
            except Empty:
                pass

    def run(self, i, step):
        self.late = []
        if "code" in step:
            answer = self.execute(i, step["code"], step)
        elif "queue" in step:
            t0 = time.time()
            ids = [self.send_execute(i, code, step) for code in step["queue"]]
            answer = {"answers": self.collect(ids, i, t0 + step.get("timeout", self.timeout))}
        elif "request" in step:
            answer = self.request(i, step["request"], step.get("content", {}), step.get("channel", "shell"))
        elif "send" in step:
            msg = self.kc.session.msg(step["send"], step.get("content", {}))
            self.step_of[msg["header"]["msg_id"]] = i
            self.kc.shell_channel.send(msg)
            answer = {"iopub": []}
            end = time.time() + step.get("seconds", 1.0)
            while time.time() < end:
                try:
                    m = self.iopub(min(end, time.time() + 0.1))
                except Empty:
                    continue
                if m["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                    out = {"type": m["msg_type"]}
                    out.update(m["content"])
                    answer["iopub"].append(out)
                else:
                    self.keep_late(m, i)
        elif "forged" in step:
            # a request signed with the wrong key: the kernel must drop it (and keep serving)
            from jupyter_client.session import Session
            forger = Session(key=b"not-the-connection-key", session=self.kc.session.session)
            msg = forger.send(self.kc.shell_channel.socket, step["forged"], step.get("content", {}))
            self.step_of[msg["header"]["msg_id"]] = i  # any output it caused would show as "late"
            replies = 0
            end = time.time() + step.get("seconds", 1.0)
            while time.time() < end:
                try:
                    r = self.kc.get_shell_msg(timeout=0.1)
                    replies += r["parent_header"].get("msg_id") == msg["header"]["msg_id"]
                except Empty:
                    pass
            answer = {"replies": replies}
        elif "complete" in step:
            answer = self.request(i, "complete_request", {"code": step["complete"], "cursor_pos": step["cursor"]},
                                  "shell")["content"]
        elif "wait" in step:
            self.drain(i, step["wait"])
            answer = {}
        else:
            raise ValueError(f"unknown step {step}")
        if self.late:
            answer["late"] = self.late
        return answer


class kernel:
    """`with kernel(timeout) as d:` a started kernel and its Driver, shut down afterwards."""

    def __init__(self, timeout):
        self.timeout = timeout

    def __enter__(self):
        self.km, self.kc = start(self.timeout)
        return Driver(self.km, self.kc, self.timeout)

    def __exit__(self, *exc):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


def execute(km, kc, code, timeout):
    return Driver(km, kc, timeout).execute(0, code, {})


def starts(n, timeout):
    ok = hung = failed = 0
    times = []
    for i in range(1, n + 1):
        t0 = time.time()
        km = kc = None
        try:
            km, kc = start(timeout)
            ready = time.time() - t0
            answer = execute(km, kc, "1+1", timeout)
            results = [o for o in answer["outputs"] if o["type"] == "execute_result"]
            if answer["status"] == "ok" and results and results[0]["data"]["text/plain"] == "2":
                ok += 1
                times.append(ready)
                print(f"start {i:3d}: ok    kernel_info after {ready:5.2f} s, 1+1 = 2, total {time.time() - t0:5.2f} s",
                      flush=True)
            else:
                failed += 1
                print(f"start {i:3d}: FAIL  1+1 answered {answer}", flush=True)
        except (TimeoutError, RuntimeError) as e:
            hung += 1
            print(f"start {i:3d}: HANG  no answer within {timeout} s ({type(e).__name__}: {e})", flush=True)
        except Exception as e:  # noqa: BLE001 - report and go on with the next start
            failed += 1
            print(f"start {i:3d}: FAIL  {type(e).__name__}: {e}", flush=True)
        finally:
            if kc is not None:
                kc.stop_channels()
            if km is not None:
                km.shutdown_kernel(now=False)
    summary = f"{n} starts: {ok} ok, {hung} hung, {failed} failed"
    if times:
        times.sort()
        summary += (f"; kernel_info_reply after median {times[len(times) // 2]:.2f} s,"
                    f" max {times[-1]:.2f} s")
    print(summary, flush=True)
    return 0 if ok == n else 1


def flood(lines, timeout):
    with kernel(timeout) as d:
        d.execute(0, "1", {})  # JShell warmed up
        code = f'for (int i = 0; i < {lines}; i++) System.out.println("line " + i);'
        d.partial = True
        a = d.execute(1, code, {"timeout": 60})
        text = "".join(o["text"] for o in a["outputs"] if o["type"] == "stream" and o["name"] == "stdout")
        got = text.splitlines()
        complete = got == [f"line {i}" for i in range(lines)]
        messages = sum(1 for o in a["outputs"] if o["type"] == "stream")
        idle = "no idle status within 60 s" if a.get("timed_out") else f"idle last: {a['order'][-1] == 'status:idle'}"
        print(f"{lines} lines printed: {len(got)} delivered, {'complete and in order' if complete else 'NOT COMPLETE'},"
              f" {len(text)} characters in {messages} stream messages, {idle},"
              f" {a['seconds']:.2f} s to the reply", flush=True)
        return 0 if complete and not a.get("timed_out") and a["order"][-1] == "status:idle" else 1


HOSTILE = [
    ("busy loop", "long n = 0; while (true) { n++; }"),
    ("loop catching Throwable", "while (true) { try { n++; } catch (Throwable t) { } }"),
    ("nested loop catching Throwable", "while (true) { try { while (true) { n++; } } catch (Throwable t) { } }"),
    ("sleep catching InterruptedException",
     "while (true) { try { Thread.sleep(10_000); } catch (InterruptedException e) { } }"),
    ("toString() that never returns", "class Forever { public String toString() { while (true) { } } }\nnew Forever()"),
    ("JDK code that never checks interrupts", "java.util.stream.LongStream.iterate(0, Math::incrementExact).max()"),
]


def interrupts(timeout):
    worst = 0.0
    with kernel(timeout) as d:
        d.execute(0, "1", {})
        for i, (name, code) in enumerate(HOSTILE, 1):
            a = d.execute(i, code, {"interrupts": [1.0]})
            after = d.execute(100 + i, "n", {}) if i > 1 else None
            worst = max(worst, a["interrupted_after"])
            kept = "" if after is None else f", variable n kept: {after['status'] == 'ok'}"
            print(f"{name:42s}: {a['status']:5s} {a['interrupted_after']:5.2f} s after the interrupt{kept}", flush=True)
        print(f"worst: {worst:.2f} s", flush=True)
        return 0


HEAP_CELLS = [
    ("a variable declared again", "double[] big = new double[250_000];"),
    ("an expression result", "new double[250_000]"),
    ("a printed tensor", "System.out.println(convkit.Tensor.wrap(new double[] {1, 2, 3, 4}, 2, 2));"),
]
HEAP = ("System.gc(); System.gc(); Thread.sleep(100); System.gc(); "
        "(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024.0 * 1024.0)")


def heap(n, timeout):
    with kernel(timeout) as d:

        def used():
            a = d.execute(0, HEAP, {"store_history": False})
            return float([o for o in a["outputs"] if o["type"] == "execute_result"][0]["data"]["text/plain"])

        d.execute(0, "1", {})
        print(f"heap in use after start: {used():.1f} MB", flush=True)
        for name, code in HEAP_CELLS:
            t0 = time.time()
            figures = []
            for i in range(1, n + 1):
                a = d.execute(i, code, {})
                if a["status"] != "ok":
                    print(f"{name}: cell failed: {a}", flush=True)
                    return 1
                if i % max(1, n // 5) == 0:
                    figures.append(f"{i}: {used():.1f}")
            print(f"{name:28s} x{n}: heap MB after GC at " + ", ".join(figures)
                  + f"  ({(time.time() - t0) / n * 1000:.0f} ms per cell)", flush=True)
        return 0


def drive(steps, timeout):
    with kernel(timeout) as d:
        answers = [d.run(i, step) for i, step in enumerate(steps)]
    print(json.dumps(answers))
    return 0


def main(argv):
    timeout = 60
    if "--timeout" in argv:
        i = argv.index("--timeout")
        timeout = float(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if len(argv) == 2 and argv[0] == "starts":
        return starts(int(argv[1]), timeout)
    if len(argv) == 2 and argv[0] == "flood":
        return flood(int(argv[1]), timeout)
    if len(argv) == 1 and argv[0] == "interrupts":
        return interrupts(timeout)
    if len(argv) == 2 and argv[0] == "heap":
        return heap(int(argv[1]), timeout)
    if len(argv) == 1 and argv[0] == "drive":
        return drive(json.load(sys.stdin), timeout)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
