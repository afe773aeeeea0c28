using Amparo.Web.Storage;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace Amparo.Web.Accounts;

public sealed record User(string Id, string Email, string DisplayName, string Role, string Language, string Created);

/// <summary>Dashboard accounts; passwords are kept only as ASP.NET Core Identity PBKDF2 hashes.</summary>
public sealed class UserStore(Database db, IPasswordHasher<User> hasher, TimeProvider time)
{
    private sealed record Row(string id, string email, string display_name, string password_hash, string role, string language, string created)
    {
        public User ToUser() => new(id, email, display_name, role, language, created);
    }

    public const int MinPasswordLength = 10;

    /// <summary>Creates an account; the first account of a fresh install becomes the admin.</summary>
    public async Task<(User? User, string? Error)> RegisterAsync(string email, string displayName, string password, string language, CancellationToken ct)
    {
        email = email.Trim();
        displayName = displayName.Trim();
        if (email.Length is 0 or > 254 || !email.Contains('@', StringComparison.Ordinal))
        {
            return (null, "email-invalid");
        }

        if (displayName.Length is 0 or > 100)
        {
            return (null, "name-invalid");
        }

        if (password.Length < MinPasswordLength || password.Length > 1024)
        {
            return (null, "password-too-short");
        }

        language = language == "es" ? "es" : "en";
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        long existing = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM users", transaction: tx);
        if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE email = @email", new { email }, tx) > 0)
        {
            return (null, "email-taken");
        }

        string role = existing == 0 ? Roles.Admin : Roles.Guardian;
        var user = new User(Ids.New("usr"), email, displayName, role, language, Ids.Time(time.GetUtcNow()));
        string hash = hasher.HashPassword(user, password);
        await c.ExecuteAsync(
            "INSERT INTO users(id,email,display_name,password_hash,role,language,created) VALUES(@Id,@Email,@DisplayName,@hash,@Role,@Language,@Created)",
            new { user.Id, user.Email, user.DisplayName, hash, user.Role, user.Language, user.Created }, tx);
        await tx.CommitAsync(ct);
        return (user, null);
    }

    public async Task<User?> CheckPasswordAsync(string email, string password, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>("SELECT * FROM users WHERE email = @email", new { email = email.Trim() });
        if (row is null)
        {
            // Spend the same time as a real check so response timing does not reveal which emails exist.
            hasher.VerifyHashedPassword(new User("", "", "", "", "", ""), _dummyHash.Value, password);
            return null;
        }

        var user = row.ToUser();
        var result = hasher.VerifyHashedPassword(user, row.password_hash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await c.ExecuteAsync("UPDATE users SET password_hash=@h WHERE id=@id", new { h = hasher.HashPassword(user, password), id = user.Id });
        }

        return result == PasswordVerificationResult.Failed ? null : user;
    }

    public async Task<User?> FindAsync(string id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>("SELECT * FROM users WHERE id = @id", new { id });
        return row?.ToUser();
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>("SELECT * FROM users ORDER BY created");
        return rows.Select(r => r.ToUser()).ToList();
    }

    public async Task<bool> SetRoleAsync(string id, string role, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync("UPDATE users SET role=@role WHERE id=@id", new { id, role }) == 1;
    }

    public async Task SetLanguageAsync(string id, string language, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("UPDATE users SET language=@language WHERE id=@id", new { id, language });
    }

    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(new User("", "", "", "", "", ""), "not-a-real-password"));
}
