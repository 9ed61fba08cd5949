// Start-up of the rapaio kernel for convkit's notebooks (RJK_INIT_SCRIPT, set by scripts/rapaio_kernelspec.py):
// show results as text/plain, as IJava, JJava and convkit's kernel do. rapaio's default, text/html, makes a
// browser run a Tensor's rows and a table's lines together on one line.
options().display().defaultMime("text");
