using System.Text;

namespace UserMgmt.Tests.Support;

/// <summary>Large files of good agent rows, for measuring what reading costs.</summary>
public static class AgentFiles
{
    /// <summary>Good agent rows, CSV or JSON by the file's extension, written as they are made.</summary>
    public static void Write(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 64 * 1024);
        var json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        writer.Write(json ? "[\n" : "email,first_name,last_name,location,roles,teams\n");
        for (var i = 1; i <= rows; i++)
        {
            if (json)
                writer.Write($$"""{"email": "agent{{i:D6}}@company.com", "first_name": "Test", "last_name": "Agent{{i}}", "location": "Berlin", "roles": [{"name": "Agent", "value": 1}], "teams": [{"name": "Contractors", "value": 1}, {"name": "Read-Only-Access", "value": 1}]}{{(i < rows ? "," : "")}}""" + "\n");
            else
                writer.Write($"agent{i:D6}@company.com,Test,Agent{i},Berlin,Agent,Contractors;Read-Only-Access\n");
        }
        if (json) writer.Write("]\n");
    }
}
