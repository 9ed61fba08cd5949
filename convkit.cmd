@echo off
rem convkit for Windows: bootstraps the Java command line and forwards every command to it: convkit.cmd help
rem The commands are Java (java -jar target\convkit.jar COMMAND, package convkit.cli). This script only builds
rem target\convkit.jar with Maven when it is missing, older than src\main or pom.xml, or for "setup", then runs it
rem with all the arguments. Jupyter is not installed for you here: python -m pip install notebook nbconvert nbclient
rem (set CONVKIT_PYTHON to that python when it is not the first python3 or python on the PATH).
setlocal EnableExtensions
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "JAR=%ROOT%\target\convkit.jar"
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"

if /i "%~1"=="setup" goto build
if not exist "%JAR%" goto build
if not exist "%ROOT%\target\lib" goto build
if defined CONVKIT_NO_BUILD goto run
where powershell >nul 2>nul || goto run
powershell -NoProfile -NonInteractive -Command "$j = (Get-Item -LiteralPath $env:JAR).LastWriteTimeUtc; $n = Get-ChildItem -LiteralPath (Join-Path $env:ROOT 'src\main'), (Join-Path $env:ROOT 'pom.xml') -Recurse -File | Where-Object { $_.LastWriteTimeUtc -gt $j } | Select-Object -First 1; if ($n) { exit 1 } else { exit 0 }" >nul 2>nul
if errorlevel 1 (
  echo target\convkit.jar is older than the sources in src\main: rebuilding it
  goto build
)
goto run

:build
where mvn >nul 2>nul || (echo convkit: no 'mvn' on PATH: install a JDK 17+ and Maven 3.8+ 1>&2 & exit /b 1)
echo.
echo == Building the library (mvn package, tests skipped; 'mvn verify' runs them)
pushd "%ROOT%"
call mvn -q -B -DskipTests package
set "RC=%ERRORLEVEL%"
popd
if not "%RC%"=="0" exit /b %RC%
if not exist "%JAR%" (echo convkit: the build did not produce target\convkit.jar 1>&2 & exit /b 1)

:run
set "CONVKIT_LAUNCHER=convkit.cmd"
set "FLAGS="
rem grading runs are short and compile-heavy (javac in the grader): the C1 compiler alone halves the grader's CPU
for %%c in (grade grade-class grading-bench check) do if /i "%~1"=="%%c" set "FLAGS=-XX:TieredStopAtLevel=1"
"%JAVA%" %FLAGS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
