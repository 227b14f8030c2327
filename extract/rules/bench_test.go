package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
)

// benchSentences are news-style sentences that exercise every rule, with the
// ordinary words between mentions that make up most of real text.
var benchSentences = []string{
	"قال المتحدث باسم الكرملين اليوم السبت إن الرئيس سيزور بكين في أواخر شباط/ فبراير 2022 لإجراء محادثات.",
	"وأعلنت وزارة الدفاع أمس الخميس أن نحو 100 ألف جندي شاركوا في المناورات التي استمرت عشرة أيام.",
	"وكانت الحكومة قد أقرت في 15 مارس العام الماضي خطة بقيمة 2.5 مليون دولار لإعادة الإعمار.",
	"وفي آب (أغسطس) 2014 بدأت المواجهات التي أودت بحياة أكثر من ثلاثة آلاف شخص خلال ثمانية أشهر.",
	"وأشار التقرير إلى أن مليونين وثلاثمئة ألف لاجئ عادوا إلى ديارهم منذ عام 2019.",
	"ومن المقرر أن يجتمع المجلس الأسبوع المقبل لبحث الأزمة، بعد جولة أولى من المفاوضات الخميس الماضي.",
	"وذكرت الوكالة أن خمسة وعشرين شخصا أصيبوا في الانفجار الذي وقع صباح اليوم في العاصمة.",
	"وبلغت قيمة الصفقة 1,500 مليون دولار، وتشمل تسليم ثلاثمائة وخمسين دبابة بحلول نهاية العام الجاري.",
	"وأكد الوزير أن بلاده لن تقبل بأي حل قبل الأول من كانون الثاني 2023، مشيرا إلى اتفاق وقع يوم الأحد.",
	"ونقلت الصحيفة عن مصدر دبلوماسي أن عضوين في الوفد غادرا إلى جنيف قبل يومين لإجراء مشاورات أولية.",
}

// benchInput repeats the sentences until the text is at least size bytes.
func benchInput(size int) string {
	var b strings.Builder
	for b.Len() < size {
		for _, s := range benchSentences {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func BenchmarkRules(b *testing.B) {
	doc := corpus.Document{ID: "bench", Text: benchInput(1 << 20)}
	ex := New()
	ctx := context.Background()
	b.Run("input=1MiB", func(b *testing.B) {
		b.SetBytes(int64(len(doc.Text)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ex.Extract(ctx, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
