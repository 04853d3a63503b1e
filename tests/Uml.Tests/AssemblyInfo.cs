// One test at a time: inside UML the tests share one CPU and the netem oracles measure timing, and the host-side
// harness tests each boot a UML kernel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
