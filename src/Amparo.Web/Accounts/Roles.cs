namespace Amparo.Web.Accounts;

/// <summary>
/// Dashboard roles. A guardian (parent, teen, teacher) works on their own cases; a moderator also runs the
/// platform side (API keys, webhooks, alerts); an admin also manages accounts. Nobody reads another person's case.
/// </summary>
public static class Roles
{
    public const string Guardian = "guardian";
    public const string Moderator = "moderator";
    public const string Admin = "admin";

    public static bool IsKnown(string role) => role is Guardian or Moderator or Admin;
}

public static class Policies
{
    /// <summary>Signed in to the dashboard (cookie).</summary>
    public const string Dashboard = "dashboard";

    /// <summary>Moderator or admin, signed in to the dashboard.</summary>
    public const string Platform = "platform";

    public const string Admin = "admin";

    /// <summary>A platform client calling /api/v1 with an API key.</summary>
    public const string ApiClient = "api-client";
}
