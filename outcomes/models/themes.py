from django.db import models
from django.urls import reverse


class ThemeFramework(models.TextChoices):
    CHILDREN_AND_YOUNG_PEOPLE = "children_and_young_people", "Children and young people's aims"
    SOCIAL_CARE_FRAMEWORK = (
        "social_care_framework",
        "Children's social care national framework outcomes",
    )


class Theme(models.Model):
    """A national theme that councils' aims and objectives are mapped to, so what different
    councils promise can be read side by side. It belongs to no council: site administrators
    keep the themes, and every officer picks from all of them."""

    slug = models.SlugField(max_length=100, unique=True, help_text="Used in the theme's address.")
    title = models.CharField(max_length=200, help_text="The theme, as the public read it.")
    description = models.TextField(blank=True, help_text="What belongs under this theme.")
    framework = models.CharField(
        max_length=40,
        choices=ThemeFramework.choices,
        help_text="Which national set the theme comes from.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    source = models.CharField(
        max_length=255, blank=True, help_text="Where the theme's wording comes from."
    )
    source_url = models.URLField("Source link", blank=True)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:theme", kwargs={"slug": self.slug})
