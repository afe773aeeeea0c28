using System.CommandLine;
using System.Globalization;
using Amparo.Core;
using Amparo.Evidence;

namespace Amparo.Cli.Commands;

/// <summary><c>amparo case new|list|note|suspect</c>: open cases in the evidence vault and record what is known.</summary>
internal static class CaseCommand
{
    public static Command Create()
    {
        var command = new Command("case", "Open and list cases in the evidence vault (every change is written to the case's custody log)");
        command.Subcommands.Add(New());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Note());
        command.Subcommands.Add(Suspect());
        return command;
    }

    private static Command New()
    {
        var title = new Option<string?>("--title") { Description = "A short name for the case (default: 'Case opened <date>')" };
        var notes = new Option<string?>("--notes") { Description = "Anything to remember about how it started" };
        var command = new Command("new", "Open a new case; creates the vault (asking for a new passphrase) the first time") { title, notes };
        VaultAccess.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => VaultAccess.RunAsync(parseResult, createIfMissing: true, async (vault, actor, output) =>
        {
            string name = parseResult.GetValue(title) is { Length: > 0 } t ? t : $"Case opened {DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}";
            var created = await vault.CreateCaseAsync(new NewCase { Title = name, Notes = parseResult.GetValue(notes) }, actor, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Opened case {created.Id}: {created.Title}").ConfigureAwait(false);
            await output.WriteLineAsync($"Add evidence with: amparo evidence add {created.Id} FILE…").ConfigureAwait(false);
            return Cli.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the cases in the vault");
        VaultAccess.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => VaultAccess.RunAsync(parseResult, createIfMissing: false, async (vault, _, output) =>
        {
            var cases = await vault.ListCasesAsync(cancellationToken).ConfigureAwait(false);
            if (cases.Count == 0)
            {
                await output.WriteLineAsync("No cases yet. Open one with: amparo case new --title \"…\"").ConfigureAwait(false);
                return Cli.Ok;
            }

            await output.WriteLineAsync("ID      ITEMS  OPENED (UTC)      BY          TITLE").ConfigureAwait(false);
            foreach (var c in cases)
            {
                var contents = await vault.GetCaseAsync(c.Id, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Id,-7} {contents.Items.Count,5}  {c.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm}  {Trim(c.CreatedBy, 10),-10}  {c.Title}")).ConfigureAwait(false);
            }

            return Cli.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Note()
    {
        var caseId = new Argument<string>("CASE") { Description = "The case id (C-0001)" };
        var text = new Argument<string>("TEXT") { Description = "The note" };
        var command = new Command("note", "Add a note to a case") { caseId, text };
        VaultAccess.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => VaultAccess.RunAsync(parseResult, createIfMissing: false, async (vault, actor, output) =>
        {
            var note = await vault.AddNoteAsync(parseResult.GetRequiredValue(caseId), parseResult.GetRequiredValue(text), actor, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Note #{note.Id} added.").ConfigureAwait(false);
            return Cli.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Suspect()
    {
        var caseId = new Argument<string>("CASE") { Description = "The case id (C-0001)" };
        var username = new Option<string[]>("--username") { Description = "A username the suspect uses", AllowMultipleArgumentsPerToken = false };
        var profile = new Option<string[]>("--profile-url") { Description = "A link to the suspect's profile" };
        var phone = new Option<string[]>("--phone") { Description = "A phone number the suspect uses" };
        var command = new Command("suspect", "Record how to find the suspect again (username, profile link, phone)") { caseId, username, profile, phone };
        VaultAccess.AddOptions(command);
        command.SetAction((parseResult, cancellationToken) => VaultAccess.RunAsync(parseResult, createIfMissing: false, async (vault, actor, output) =>
        {
            var identifiers = (parseResult.GetValue(username) ?? []).Select(v => new SuspectIdentifier(IdentifierKinds.Username, v))
                .Concat((parseResult.GetValue(profile) ?? []).Select(v => new SuspectIdentifier(IdentifierKinds.ProfileUrl, v)))
                .Concat((parseResult.GetValue(phone) ?? []).Select(v => new SuspectIdentifier(IdentifierKinds.Phone, v)))
                .ToList();
            if (identifiers.Count == 0)
            {
                throw new UsageException("give at least one of --username, --profile-url, --phone");
            }

            foreach (var identifier in identifiers)
            {
                await vault.AddSuspectIdentifierAsync(parseResult.GetRequiredValue(caseId), identifier, actor, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"Recorded {identifier.Kind}: {identifier.Value}").ConfigureAwait(false);
            }

            return Cli.Ok;
        }, cancellationToken));
        return command;
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
