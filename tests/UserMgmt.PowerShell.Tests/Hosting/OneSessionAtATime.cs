// The module keeps its current connection per process, not per runspace: sessions of tests running side
// by side would replace (and dispose) each other's connection, so these tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
