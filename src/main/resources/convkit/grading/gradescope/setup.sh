#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu): it installs a JDK 17
# (the grader compiles submissions with javac, so a JRE is not enough) and Maven (for instructors who
# want to rebuild inside the image; grading itself only needs java and the jars in lib/).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven
java -version
javac -version
