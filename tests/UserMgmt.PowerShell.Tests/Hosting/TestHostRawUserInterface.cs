using System.Management.Automation.Host;

namespace UserMgmt.PowerShell.Tests.Hosting;

/// <summary>A console 120 columns wide, as most terminals open, so that tables print as users see them; nothing is read from it.</summary>
internal sealed class TestHostRawUserInterface : PSHostRawUserInterface
{
    private static readonly Size Window = new(120, 50);

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get => new(Window.Width, 3000); set { } }
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => Window;
    public override Size MaxWindowSize => Window;
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get => Window; set { } }
    public override string WindowTitle { get; set; } = "";

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("Unexpected read from the console.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
