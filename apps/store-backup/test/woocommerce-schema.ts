// A WooCommerce-like database for the backup tests: WordPress's options, posts and postmeta, and WooCommerce's
// orders (HPOS tables) with their items. Enough of the real shape (InnoDB, utf8mb4, longtext, a view, a trigger)
// to show a restore brings a shop back.

/** Creates the tables in the current database. */
export const wooSchema = `
CREATE TABLE wp_options (
  option_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  option_name varchar(191) NOT NULL UNIQUE,
  option_value longtext NOT NULL,
  autoload varchar(20) NOT NULL DEFAULT 'yes'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE wp_posts (
  ID bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_title text NOT NULL,
  post_content longtext NOT NULL,
  post_type varchar(20) NOT NULL DEFAULT 'post',
  post_status varchar(20) NOT NULL DEFAULT 'publish'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE wp_postmeta (
  meta_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id bigint unsigned NOT NULL,
  meta_key varchar(255),
  meta_value longtext,
  KEY post_id (post_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE wp_wc_orders (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  status varchar(20) NOT NULL DEFAULT 'wc-processing',
  total_amount decimal(26,8) NOT NULL DEFAULT 0,
  item_count int NOT NULL,
  date_created_gmt datetime NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE wp_wc_order_items (
  order_item_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id bigint unsigned NOT NULL,
  order_item_name text NOT NULL,
  KEY order_id (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE VIEW wp_order_totals AS SELECT order_id, COUNT(*) AS items FROM wp_wc_order_items GROUP BY order_id;
CREATE TRIGGER wp_posts_title BEFORE INSERT ON wp_posts FOR EACH ROW SET NEW.post_title = TRIM(NEW.post_title);
`;

/** Options, products and orders of a small shop at `siteUrl`. */
export function wooRows(siteUrl: string, orders = 20): string {
  const statements = [
    `INSERT INTO wp_options (option_name, option_value) VALUES ('siteurl', '${siteUrl}'), ('home', '${siteUrl}'),
      ('blogname', 'Café “Ünïcode” shop'), ('woocommerce_currency', 'EUR');`,
    `INSERT INTO wp_posts (post_title, post_content, post_type) VALUES
      ('Mug', 'A mug\\nwith two lines', 'product'), ('T-shirt', 'Cotton', 'product'), ('Hello', 'First post', 'post');`,
    `INSERT INTO wp_postmeta (post_id, meta_key, meta_value) VALUES (1, '_price', '12.50'), (2, '_price', '20.00'),
      (1, '_thumbnail_id', 'a:1:{s:4:"file";s:16:"2024/05/mug.jpg";}');`,
  ];
  for (let order = 1; order <= orders; order += 1) {
    statements.push(
      `INSERT INTO wp_wc_orders (id, total_amount, item_count) VALUES (${order}, ${order * 10}.5, 2);`,
      `INSERT INTO wp_wc_order_items (order_id, order_item_name) VALUES (${order}, 'Mug'), (${order}, 'T-shirt');`,
    );
  }
  return statements.join('\n');
}
