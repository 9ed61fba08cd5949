"""Is the Jupyter kernel named "java" usable for this checkout? Used by ./convkit notebook and run-notebooks.

Prints nothing when it is fine (or when "java" is IJava, JJava or another kernel of the user's own, which is theirs
to manage). Exit 2 with a message when it is convkit's kernel but its library is gone (the kit was moved or deleted
after ./convkit install-kernel) or no "java" kernel exists; exit 0 with a note when it runs another checkout's library.

    python3 scripts/check_kernelspec.py ROOT
"""
import os
import sys

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel


def main():
    root = os.path.realpath(sys.argv[1])
    try:
        spec = KernelSpecManager().get_kernel_spec("java")
    except NoSuchKernel:
        print("no Jupyter kernel named 'java' is installed: run ./convkit install-kernel")
        return 2
    argv = spec.argv
    if not (spec.metadata or {}).get("convkit") or "-cp" not in argv:
        return 0
    jar = argv[argv.index("-cp") + 1].split(os.pathsep)[0]
    if not os.path.isfile(jar):
        print(f"the installed kernel 'java' ({spec.resource_dir}) runs {jar}, which does not exist "
              "(was the kit moved or deleted?): run ./convkit install-kernel")
        return 2
    if not os.path.realpath(jar).startswith(root + os.sep):
        print(f"note: the installed kernel 'java' runs {jar}, not this checkout's library; "
              "./convkit install-kernel switches it to this one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
