using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HabilitationsAConfirmer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmeeLe",
                table: "Habilitations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConfirmeeParId",
                table: "Habilitations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EnAttente",
                table: "Habilitations",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConfirmeeLe",
                table: "Habilitations");

            migrationBuilder.DropColumn(
                name: "ConfirmeeParId",
                table: "Habilitations");

            migrationBuilder.DropColumn(
                name: "EnAttente",
                table: "Habilitations");
        }
    }
}
