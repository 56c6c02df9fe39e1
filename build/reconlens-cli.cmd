@echo off
rem `reconlens` for Windows installs: the packaged Electron in Node mode runs the bundled CLI.
rem Add the resources folder of the installation to PATH to call it from any prompt.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\ReconLens.exe" "%~dp0app.asar.unpacked\dist\cli.mjs" %*
