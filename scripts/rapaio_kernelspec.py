#!/usr/bin/python3
"""Points an installed rapaio kernel (rapaio-jupyter-kernel 3.x) at this checkout's convkit library.

usage: /usr/bin/python3 scripts/rapaio_kernelspec.py [KERNEL_JSON]

KERNEL_JSON defaults to the kernelspec "rapaio-jupyter-kernel" that Jupyter finds (what
`java -jar rapaio-jupyter-kernel-3.0.1.jar -i -auto` installs). It sets, in that kernel.json:
  env RJK_CLASSPATH    = <checkout>/target/convkit.jar;<checkout>/target/lib/*.jar   (rapaio separates with ';'
                         and reads only this: the installer writes "" there, which hides the shell's variable)
  env RJK_INIT_SCRIPT  = <checkout>/scripts/rapaio-init.jsh   (results as text/plain instead of text/html)
  argv                 + --add-modules jdk.incubator.vector   (the library's vector kernels; rapaio runs cells in
                         the JVM of its argv)
and keeps a copy of the file as kernel.json.before-convkit. Build the library first (mvn -q -B -DskipTests package).
"""
import json
import os
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def find_kernel_json():
    from jupyter_client.kernelspec import KernelSpecManager
    specs = KernelSpecManager().find_kernel_specs()
    if "rapaio-jupyter-kernel" not in specs:
        raise SystemExit("no kernelspec 'rapaio-jupyter-kernel' found (jupyter kernelspec list): install rapaio first, "
                         "java -jar rapaio-jupyter-kernel-3.0.1.jar -i -auto")
    return pathlib.Path(specs["rapaio-jupyter-kernel"]) / "kernel.json"


def main(argv):
    path = pathlib.Path(argv[0]) if argv else find_kernel_json()
    jar = ROOT / "target" / "convkit.jar"
    if not jar.is_file():
        raise SystemExit(f"{jar} is missing: build the library first (mvn -q -B -DskipTests package)")
    spec = json.loads(path.read_text(encoding="utf-8"))
    backup = path.with_name("kernel.json.before-convkit")
    if not backup.exists():
        shutil.copyfile(path, backup)
    env = spec.setdefault("env", {})
    env["RJK_CLASSPATH"] = f"{jar};{ROOT / 'target' / 'lib'}/*.jar"
    env["RJK_INIT_SCRIPT"] = str(ROOT / "scripts" / "rapaio-init.jsh")
    argv_ = spec["argv"]
    if "jdk.incubator.vector" not in argv_:
        argv_[1:1] = ["--add-modules", "jdk.incubator.vector"]
    path.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}: RJK_CLASSPATH={env['RJK_CLASSPATH']}, RJK_INIT_SCRIPT={env['RJK_INIT_SCRIPT']}, "
          f"--add-modules jdk.incubator.vector; the file before: {backup}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
