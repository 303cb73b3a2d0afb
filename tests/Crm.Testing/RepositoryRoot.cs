namespace Crm.Testing;

/// <summary>Finds the checkout root (the folder with Crm.sln), where node_modules holds the pinned Azurite.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Crm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Crm.sln not found above {AppContext.BaseDirectory}.");
    }
}
