// The module keeps its current connection per process, not per runspace, so two sessions connecting
// at once would take each other's connection. Tests therefore run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
