#!/usr/bin/python3
"""Drives the Jupyter kernel named `java` through jupyter_client (Jupyter's own client library).

  kernel_check.py starts N [--timeout S]
      Starts the kernel N times in a row; each time waits for kernel_info_reply (timeout S, default 60),
      runs `1+1`, checks the result is 2, shuts the kernel down. Prints one line per start and the counts;
      exit status 1 unless every start succeeded.

  kernel_check.py drive < steps.json
      Runs a list of steps in one kernel and prints a JSON list with one answer per step:
        {"code": "..."}                      -> {"status": "ok"|"error", "outputs": [iopub output contents]}
        {"code": "...", "interrupt_after": S} -> same, after sending an interrupt S seconds into the cell
        {"complete": "...", "cursor": N}     -> the complete_reply content
      Each output is {"type": msg_type, ...content}. Used by convkit.kernel.ConvkitKernelTest.

The kernelspec is looked up as Jupyter does (set JUPYTER_PATH to test a kernelspec from another folder).
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager

OUTPUT_TYPES = ("stream", "execute_result", "display_data", "error")


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


def execute(km, kc, code, timeout, interrupt_after=None):
    msg_id = kc.execute(code)
    if interrupt_after is not None:
        time.sleep(interrupt_after)
        km.interrupt_kernel()
    reply = None
    deadline = time.time() + timeout
    while reply is None:
        msg = kc.get_shell_msg(timeout=max(1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") == msg_id:
            reply = msg
    outputs = []
    while True:  # collect iopub until the kernel reports idle for this request
        msg = kc.get_iopub_msg(timeout=max(1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind in OUTPUT_TYPES:
            out = {"type": kind}
            out.update(msg["content"])
            outputs.append(out)
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    return {"status": reply["content"]["status"], "outputs": outputs}


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


def drive(steps, timeout):
    km, kc = start(timeout)
    answers = []
    try:
        for step in steps:
            if "code" in step:
                answers.append(execute(km, kc, step["code"], timeout, step.get("interrupt_after")))
            elif "complete" in step:
                msg_id = kc.complete(step["complete"], step["cursor"])
                while True:
                    msg = kc.get_shell_msg(timeout=timeout)
                    if msg["parent_header"].get("msg_id") == msg_id:
                        break
                answers.append(msg["content"])
            else:
                raise ValueError(f"unknown step {step}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
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
    if len(argv) == 1 and argv[0] == "drive":
        return drive(json.load(sys.stdin), timeout)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
