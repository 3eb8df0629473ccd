enum kind { SQUARE, CIRCLE };
struct shape {
  enum kind kind;
  double size;
};
double shape_area(const struct shape *s);
double total_area(const struct shape *shapes, int n);
