using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Amparo.Testing;

namespace Amparo.Reporting.Tests.CyberTipline;

/// <summary>Validates documents against NCMEC's published CyberTipline schema from the shared data.</summary>
internal static class Xsd
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(RepoPaths.Data("fixtures", "ncmec", "cybertipline-report.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    public static IReadOnlyList<string> Errors(XDocument document) => Errors(document.Declaration + document.ToString(SaveOptions.DisableFormatting));

    public static IReadOnlyList<string> Errors(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException ex)
        {
            errors.Add("not XML: " + ex.Message);
        }

        return errors;
    }
}
