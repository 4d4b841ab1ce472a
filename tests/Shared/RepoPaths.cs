namespace UserMgmt.Tests.Support;

public static class RepoPaths
{
    /// <summary>The repository's root: the folder above the tests that holds UserMgmt.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "UserMgmt.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("UserMgmt.sln not found above the test directory.");
    }
}
