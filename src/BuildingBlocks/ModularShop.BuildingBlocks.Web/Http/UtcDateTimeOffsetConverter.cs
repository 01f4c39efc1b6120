using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Writes timestamps as ISO-8601 UTC with a <c>Z</c> (API.md → Conventions), to the microsecond: PostgreSQL
/// keeps microseconds, so the answer to a create shows the same timestamp as every later read.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture));
}
