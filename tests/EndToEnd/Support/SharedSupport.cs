// The oracles (ip, ethtool through Shell) are the Probe tests' own, linked into this project (see the .csproj).
global using PerfSuite.Probe.Tests.Support;
