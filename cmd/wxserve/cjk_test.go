package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// glyphsJS draws each character of the seed's comment, in the font the
// scenario box uses, and counts the distinct pictures. With no font that
// has the glyphs every one is the same box (the font's .notdef), so two
// different Chinese characters look alike; with one, they differ.
const glyphsJS = `(() => {
  const box = document.getElementById("code-box");
  const c = document.createElement("canvas");
  c.width = 48; c.height = 48;
  const g = c.getContext("2d", { willReadFrequently: true });
  g.font = "32px " + getComputedStyle(box).fontFamily;
  const seen = new Set();
  let blank = 0;
  for (const ch of "注意时序问题关闭") {
    g.clearRect(0, 0, 48, 48);
    g.fillText(ch, 4, 36);
    const px = g.getImageData(0, 0, 48, 48).data;
    let ink = 0;
    for (let i = 3; i < px.length; i += 4) ink += px[i] > 0;
    if (ink === 0) blank++;
    seen.add(Array.from(px).join());
  }
  return { distinct: seen.size, blank, text: box.value.includes("注意这里有时序问题") };
})()`

// TestHarnessCJK: the seed's Chinese comments, shown in the scenario box,
// render as glyphs, not boxes: scripts/deps.sh installs a CJK font with
// the browsers.
func TestHarnessCJK(t *testing.T) {
	r := newRig(t)
	var got struct {
		Distinct int
		Blank    int
		Text     bool
	}
	r.run(t,
		r.openHarness(),
		setValue("#examples", "Seed: closeSocket inside onSocketOpen"),
		chromedp.Evaluate(glyphsJS, &got),
	)
	if !got.Text {
		t.Fatal("the scenario box does not show the seed's Chinese comment")
	}
	if got.Distinct != 8 || got.Blank != 0 {
		t.Errorf("8 different Chinese characters drew %d different pictures (%d blank): no CJK font (scripts/deps.sh installs fonts-wqy-microhei)", got.Distinct, got.Blank)
	}
}
