package app

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"mutua/assets"
	"mutua/data"
	"mutua/data/sqlite"
)

// newHomeTestScreen opens the sample practice with its dates moved to today, as the coach
// sees it, and shows the home screen in the window.
func newHomeTestScreen(t *testing.T) (*practice, *homeScreen) {
	t.Helper()
	s := newTestShell(t)
	if err := s.store.ImportAll(bytes.NewReader(assets.Sample()), sqlite.ImportOptions{MoveDatesTo: data.DateOf(time.Now())}); err != nil {
		t.Fatal(err)
	}
	s.reload()
	return s, showHome(s)
}

// showHome adds a home screen to the window's tabs and selects it.
func showHome(s *practice) *homeScreen {
	h := newHomeScreen(s)
	tab := container.NewTabItem("Home under test", h.content)
	s.tabs.Append(tab)
	s.tabs.Select(tab)
	h.reload()
	return h
}

// itemsOf returns the listed items of one kind.
func itemsOf(h *homeScreen, k data.AttentionKind) []data.AttentionItem {
	var out []data.AttentionItem
	for _, it := range h.shown {
		if it.Kind == k {
			out = append(out, it)
		}
	}
	return out
}

func TestHomeListsWhatNeedsAttention(t *testing.T) {
	s, h := newHomeTestScreen(t)
	inactive := itemsOf(h, data.Inactive)
	if len(inactive) != 1 || inactive[0].Title != "José Álvarez + Dev Patel" || inactive[0].PartnershipID == 0 {
		t.Fatalf("no-recent-session items: %+v", inactive)
	}
	if len(itemsOf(h, data.Overdue)) == 0 {
		t.Fatal("the sample's overdue action items are not listed")
	}
	if h.body.Objects[0] != h.list {
		t.Fatal("the home screen does not show the list")
	}
	for _, want := range []string{"What needs attention", "José Álvarez + Dev Patel", "No recent session", "Overdue action"} {
		if !shows(h.content, want) {
			t.Errorf("the home screen does not show %q: %v", want, texts(h.content))
		}
	}

	// The summary and the chips count what is listed.
	partnerships, err := s.store.Partnerships()
	if err != nil {
		t.Fatal(err)
	}
	active := 0
	for _, p := range partnerships {
		if !p.Ended() {
			active++
		}
	}
	outcomes, err := s.store.Outcomes(data.DateOf(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	spring := outcomes[partnerships[0].CohortID]
	for _, want := range []string{
		fmt.Sprintf("%d things need attention", len(h.items)),
		fmt.Sprintf("%d active partnerships", active),
		"productive in Spring 2026 executive circle: " + spring.Describe(),
	} {
		if !strings.Contains(h.summary.Text, want) {
			t.Errorf("summary %q does not say %q", h.summary.Text, want)
		}
	}
	if len(h.shown) != len(h.items) {
		t.Errorf("all kinds shown: %d of %d items listed", len(h.shown), len(h.items))
	}
	findButton(t, h.content, fmt.Sprintf("All (%d)", len(h.items)))
	findButton(t, h.content, fmt.Sprintf("Overdue actions (%d)", len(itemsOf(h, data.Overdue))))
	findButton(t, h.content, "No recent session (1)")
}

func TestHomeKindFilterNarrowsList(t *testing.T) {
	_, h := newHomeTestScreen(t)
	all := len(h.items)
	overdue := len(itemsOf(h, data.Overdue))
	if overdue == 0 || overdue == all {
		t.Fatalf("the sample should list overdue actions and more: %d of %d", overdue, all)
	}
	test.Tap(findButton(t, h.content, fmt.Sprintf("Overdue actions (%d)", overdue)))
	if len(h.shown) != overdue || h.list.Length() != overdue {
		t.Fatalf("filtered on overdue actions: %d listed, want %d", len(h.shown), overdue)
	}
	if len(itemsOf(h, data.Overdue)) != overdue {
		t.Fatalf("the filter listed another kind: %+v", h.shown)
	}
	if shows(h.list, "José Álvarez + Dev Patel") {
		t.Error("the partnership with no recent session is still listed under overdue actions")
	}

	// The filter holds across a reload, and "All" brings everything back.
	h.reload()
	if h.kind != data.Overdue || len(h.shown) != overdue {
		t.Fatalf("after a reload the filter is %q with %d items", h.kind, len(h.shown))
	}
	test.Tap(findButton(t, h.content, fmt.Sprintf("All (%d)", all)))
	if len(h.shown) != all || !shows(h.list, "José Álvarez + Dev Patel") {
		t.Fatalf("All lists %d of %d items", len(h.shown), all)
	}
}

func TestHomeOpensWhereItIsFixed(t *testing.T) {
	_, h := newHomeTestScreen(t)
	var opened []data.AttentionItem
	h.open = func(item data.AttentionItem) { opened = append(opened, item) }
	pos := -1
	for i, it := range h.shown {
		if it.Kind == data.Inactive {
			pos = i
		}
	}
	if pos < 0 {
		t.Fatal("no partnership without a recent session listed")
	}
	h.list.Select(pos)
	h.list.Select(pos) // selected again after coming back
	if len(opened) != 2 || opened[0].Title != "José Álvarez + Dev Patel" || opened[0].PartnershipID != h.shown[pos].PartnershipID {
		t.Fatalf("selecting the entry opened %+v", opened)
	}
}

func TestHomeOpensPartnershipWithNoRecentSession(t *testing.T) {
	s, h := newHomeTestScreen(t)
	inactive := itemsOf(h, data.Inactive)
	if len(inactive) == 0 {
		t.Fatal("no partnership without a recent session listed")
	}
	for i, it := range h.shown {
		if it.Kind == data.Inactive {
			h.list.Select(i)
			break
		}
	}
	if tab := s.tabs.Selected(); tab == nil || tab.Text != "Partnerships" {
		t.Fatalf("the Partnerships screen is not shown: %v", tab)
	}
	if s.partnerships.selected != inactive[0].PartnershipID {
		t.Fatalf("the Partnerships screen shows %d, want %d", s.partnerships.selected, inactive[0].PartnershipID)
	}
}

func TestHomeOpensParticipantWithoutAssessment(t *testing.T) {
	s, h := newHomeTestScreen(t)
	kofi := data.Participant{Name: "Kofi Mensah", Status: data.Active}
	if err := s.store.CreateParticipant(&kofi); err != nil {
		t.Fatal(err)
	}
	h.reload()
	pos := -1
	for i, it := range h.shown {
		if it.Kind == data.NotAssessed && it.ParticipantID == kofi.ID {
			pos = i
		}
	}
	if pos < 0 {
		t.Fatalf("Kofi Mensah, with no assessment, is not listed: %+v", h.shown)
	}
	findButton(t, h.content, "Not assessed (1)")
	h.list.Select(pos)
	if tab := s.tabs.Selected(); tab == nil || tab.Text != "Roster" {
		t.Fatalf("the Roster is not shown: %v", tab)
	}
	if s.roster.selected != kofi.ID {
		t.Fatalf("the roster shows participant %d, want Kofi Mensah (%d)", s.roster.selected, kofi.ID)
	}
}

func TestHomeOpensCohortGridForSeveralWithoutAssessment(t *testing.T) {
	s, h := newHomeTestScreen(t)
	cohort := data.Cohort{Name: "Winter 2027 reverse mentoring"}
	if err := s.store.SaveCohort(&cohort); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, name := range []string{"Kofi Mensah", "Lena Vogel", "Rafael Costa"} {
		p := data.Participant{Name: name, Status: data.Active}
		if err := s.store.CreateParticipant(&p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if err := s.store.AddToCohort(cohort.ID, ids...); err != nil {
		t.Fatal(err)
	}
	h.reload()
	pos := -1
	for i, it := range h.shown {
		if it.CohortID == cohort.ID {
			pos = i
		}
	}
	if pos < 0 {
		t.Fatalf("the cohort without results is not listed: %+v", h.shown)
	}
	h.list.Select(pos)
	if topDialog(s) == nil || !shows(topDialog(s), "Kofi Mensah") {
		t.Fatal("the cohort's results grid did not open")
	}
}

func TestHomeInactiveDaysSetting(t *testing.T) {
	s, h := newHomeTestScreen(t)
	if len(itemsOf(h, data.Inactive)) == 0 {
		t.Fatal("the sample lists no partnership without a recent session")
	}
	st := newSettingsScreen(s)
	saveDays(t, st, "120")
	if s.inactiveDays() != 120 {
		t.Fatalf("inactive days %d after typing 120", s.inactiveDays())
	}
	h.reload()
	if n := len(itemsOf(h, data.Inactive)); n != 0 {
		t.Fatalf("%d partnerships still flagged for no session in 120 days", n)
	}
	if shows(h.content, "No recent session") {
		t.Error("the home screen still shows a no-recent-session entry or chip")
	}
	if !strings.Contains(h.summary.Text, fmt.Sprintf("%d things need attention", len(h.items))) {
		t.Errorf("summary %q does not match %d items", h.summary.Text, len(h.items))
	}
}

func TestHomeEmptyPracticeSaysWhatToDo(t *testing.T) {
	s := newTestShell(t)
	h := showHome(s)
	if h.body.Objects[0] != h.start {
		t.Fatalf("a new practice does not show the next steps: %v", texts(h.content))
	}
	if !shows(h.content, "Nothing needs your attention") {
		t.Errorf("no empty message: %v", texts(h.content))
	}
	test.Tap(findButton(t, h.content, "Pair a cohort"))
	if tab := s.tabs.Selected(); tab == nil || tab.Text != "Pairing" {
		t.Fatalf("Pair a cohort shows %v", tab)
	}
	test.Tap(findButton(t, h.content, "Add participant"))
	if s.roster.form == nil || topDialog(s) == nil {
		t.Fatal("Add participant did not open the participant form")
	}

	// With partnerships running and nothing to do, there are no next steps to suggest.
	h.show(nil, []data.Partnership{{ID: 1, CohortID: 1, CohortName: "Spring", Status: data.Running}},
		map[int64]data.CohortOutcome{1: {CohortID: 1, Partnerships: 1}})
	if h.body.Objects[0] != h.calm || len(h.chips.Objects) != 0 {
		t.Fatalf("nothing to do: body %v, %d chips", texts(h.body), len(h.chips.Objects))
	}
	if h.summary.Text != "1 active partnership · productive in Spring: 0 of 1 (0%)" {
		t.Errorf("summary %q", h.summary.Text)
	}
	if shows(h.content, "Pair a cohort") {
		t.Error("next steps shown while partnerships are running")
	}
}

// The home screen fits a small window: the chips wrap instead of widening it.
func TestHomeFitsSmallWindow(t *testing.T) {
	s, h := newHomeTestScreen(t)
	s.win.Resize(fyne.NewSize(640, 600)) // narrower than the chips in one row: they wrap
	if w := h.content.MinSize().Width; w > 600 {
		t.Errorf("the home screen needs %v wide", w)
	}
}
