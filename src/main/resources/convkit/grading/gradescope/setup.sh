#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu): it installs a JDK 17
# (the grader compiles submissions with javac, so a JRE is not enough), bubblewrap (the sandbox of the
# students' code; where the container allows no user namespaces the grader falls back to a uid of its own
# per run, which needs root and setpriv from util-linux) and Maven (for instructors who want to rebuild
# inside the image; grading itself only needs java and the jars in lib/).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven bubblewrap util-linux
java -version
javac -version
